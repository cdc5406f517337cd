/**
 * The shared terminal's limits end to end (SPEC § 45): wrangler dev, the real executor
 * (with a short idle time, EXECUTOR_TERMINAL_IDLE_MS) and Docker, driven by scripted
 * participants. The browser's half is e2e/web-terminal.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { apiOf, createRoom, until } from './support/worker';

const IDLE_MS = 8_000;
let stack: Stack;
beforeAll(async () => {
  // Three slots: two terminals may be open at once (EXECUTOR_TERMINAL_CONCURRENCY's default is
  // one fewer, SPEC TERM14), so a test's terminal still closing never refuses the next test's.
  stack = await startStack({ EXECUTOR_TERMINAL_IDLE_MS: String(IDLE_MS), EXECUTOR_CONCURRENCY: '3' });
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
}, 60_000);

/** A room whose candidate opened its terminal, once the shell prompts. */
async function opened() {
  const room = await createRoom(stack.worker, { language: 'python' });
  const cara = new Participant(stack.worker, room, 'candidate', 'Cara');
  await cara.synced();
  cara.provider.ws?.send(JSON.stringify({ type: 'terminal.open' }));
  await until(
    () => cara.room.view.terminal?.state === 'open' && /\$ $/.test(cara.room.view.terminalScreen),
    'the prompt',
    60_000,
  );
  const terminalId = cara.room.view.terminal?.terminalId as string;
  const type = (data: string) => cara.provider.ws?.send(JSON.stringify({ type: 'terminal.input', terminalId, data }));
  return { room, cara, terminalId, type };
}

describe('the terminal’s limits', () => {
  it('[TERM12] no input for the idle time closes the terminal for everyone, saying so', async () => {
    const { cara } = await opened();
    try {
      await until(() => cara.room.view.terminalNotice, 'the idle close', IDLE_MS + 60_000);
      expect(cara.room.view.terminalNotice).toBe('No input for 8 s: the terminal was closed');
      expect(cara.room.view.terminal).toBeNull();
    } finally {
      cara.destroy();
    }
  }, 120_000);

  it('[TERM12] an output flood is capped with a notice, and the shell still answers', async () => {
    const { cara, type, terminalId } = await opened();
    try {
      type('head -c 3000000 /dev/zero | tr "\\0" x\r');
      await until(
        () => /\[CodeSync\] output over \d+ KB\/s is dropped/.test(cara.room.view.terminalScreen),
        'the notice',
        60_000,
      );
      await until(
        async () => {
          type('echo after-$((6*7))\r');
          const answered = await until(
            () => cara.room.view.terminalScreen.includes('after-42'),
            'the answer',
            3_000,
          ).catch(() => false);
          return answered || undefined;
        },
        'the shell to answer after the flood',
        90_000,
      );
    } finally {
      // Closed, not left to its idle time: it would hold a terminal slot meanwhile.
      cara.provider.ws?.send(JSON.stringify({ type: 'terminal.close', terminalId }));
      await until(() => cara.room.view.terminal === null, 'the close', 10_000).catch(() => {});
      cara.destroy();
    }
  }, 180_000);

  it('[TERM12] the room ending closes the terminal', async () => {
    const { room, cara } = await opened();
    const ian = new Participant(stack.worker, room, 'interviewer', 'Ian');
    try {
      await ian.synced();
      const res = await apiOf(stack.worker)(`/api/rooms/${room.roomId}/end`, {
        method: 'POST',
        token: room.tokens.interviewer,
      });
      expect(res.status).toBe(200);
      await until(() => cara.room.view.terminalNotice, 'the close at the candidate', 30_000);
      expect(cara.room.view.terminalNotice).toBe('The interview ended: the terminal was closed.');
      // The room's sockets close as it ends; a reconnect reads no terminal.
      const late = new Participant(stack.worker, room, 'observer', 'Lee');
      await late.synced();
      await until(() => late.room.messages.some((m) => m.type === 'terminal'), 'the terminal message');
      expect(late.room.view.terminal).toBeNull();
      late.destroy();
    } finally {
      cara.destroy();
      ian.destroy();
    }
  }, 120_000);
});
