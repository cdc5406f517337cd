/**
 * Runs that cannot go as asked are visible, never silent: a busy executor answers with
 * a retry time; a run that finishes after its room ended is stored, not broadcast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputOf, type Run } from '../worker/src/runs/run';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { createRoom, until } from './support/worker';

let stack: Stack;
beforeAll(async () => {
  // One job at a time and no queue: a second run while one runs is refused.
  stack = await startStack({ EXECUTOR_CONCURRENCY: '1', EXECUTOR_MAX_QUEUE: '0' });
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
}, 60_000);

const SLEEPY = 'import time\nprint("start", flush=True)\ntime.sleep(2)\nprint("end")\n';

async function participantWith(program: string) {
  const room = await createRoom(stack.worker);
  const p = new Participant(stack.worker, room, 'interviewer');
  await p.synced();
  p.replace('main.py', program);
  return { room, p };
}

describe('run failures', () => {
  it('[RUN10] a busy executor fails the run with a message and the retry time', async () => {
    const first = await participantWith(SLEEPY);
    first.p.run();
    await until(() => first.p.find('run.event', (m) => m.event.type === 'output'), 'the first run to be running');
    const second = await participantWith('print(1)\n');
    second.p.run();
    const failed = await until(() => second.p.runs().find((r) => r.state === 'failed'), 'the refusal');
    expect(failed).toMatchObject({ state: 'failed', error: 'executor_busy' });
    if (failed.state !== 'failed') return;
    expect(failed.retryAfterS).toBeGreaterThan(0);
    expect(failed.message).toMatch(/busy\. Try again in \d+ s/);
    await until(() => first.p.runs().find((r) => r.state === 'finished'), 'the first run to finish', 20_000);
    for (const { p } of [first, second]) p.destroy();
  });

  it('[RUN15] a run that finishes after the room ended is stored with its output, not broadcast', async () => {
    const { room, p } = await participantWith(SLEEPY);
    p.run();
    // Generous deadlines: under the whole suite's load a sandbox can take long to start.
    const { run } = await until(() => p.find('run.queued'), 'run.queued', 30_000);
    await until(
      () => p.find('run.event', (m) => m.runId === run.runId && m.event.type === 'output'),
      'the run to be running',
      30_000,
    );
    const ended = await fetch(`${stack.worker.url}/api/rooms/${room.roomId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.interviewer}` },
    });
    expect(ended.status).toBe(200);
    const stored = await until(
      async () => {
        const res = await fetch(`${stack.worker.url}/api/runs/${run.runId}`, {
          headers: { authorization: `Bearer ${room.tokens.observer}` },
        });
        const body = (await res.json()) as Run;
        return body.state === 'finished' ? body : undefined;
      },
      'the run to be stored as finished',
      20_000,
    );
    expect(
      outputOf(stored)
        .map((o) => o.data)
        .join(''),
    ).toBe('start\nend\n');
    // The participant was disconnected by the end and reconnected read-only: no live event
    // for the run arrived after the end; the history it got on reconnecting has the run.
    expect(p.find('run.event', (m) => m.runId === run.runId && m.event.type === 'finished')).toBeUndefined();
    p.destroy();
  }, 120_000);
});
