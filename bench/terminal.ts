/**
 * Keystroke → echo at another participant for the shared terminal (SPEC § 45): a
 * participant types one key at a time into the room's terminal (a real shell with
 * Docker's pty in a sandbox), and the time is taken when ANOTHER participant's socket
 * hears the pty's echo of that key (room → stream → executor → pty → executor → stream →
 * room → socket). Beside it, in the same run, a plain WebSocket echo over loopback of one
 * byte: the floor.
 *
 *   npm run bench:terminal
 *   BENCH_KEYS=500 npm run bench:terminal
 *
 * Keys are paced like fast typing (PACE_MS apart, under TERMINAL_INPUT_PER_SECOND), and
 * the line is cleared (Ctrl-U) every LINE_KEYS keys, outside the timing.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { type Stack, startStack } from '../e2e/support/stack';
import { RoomMessages } from '../testing/roomClient';
import { createRoom, httpApi } from '../testing/rooms';
import { until } from '../testing/until';
import type { ServerMessage } from '../worker/src/room/messages';
import { TERMINAL_INPUT_PER_SECOND } from '../worker/src/terminal/limits';
import { plainEcho } from './lib/plainEcho';
import { summarize, table } from './lib/stats';

const KEYS = Number(process.env.BENCH_KEYS ?? 300);
const WARMUP = 20;
const LINE_KEYS = 40;
/** Fast typing, under the room's limit. */
const PACE_MS = Math.max(30, Math.ceil(1000 / TERMINAL_INPUT_PER_SECOND) + 5);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function participant(url: string, roomId: string, token: string, name: string, onMessage: (m: ServerMessage) => void) {
  const room = new RoomMessages(onMessage);
  const doc = new Y.Doc();
  const provider = new YProvider(url.replace('http://', ''), roomId, doc, {
    prefix: `/api/rooms/${roomId}/ws`,
    params: { token, name, events: '1' },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && provider.ws) room.listen(provider.ws);
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, room, synced };
}

const pace = () => new Promise((resolve) => setTimeout(resolve, PACE_MS));

async function terminalEcho(stack: Stack): Promise<number[]> {
  const created = await createRoom(httpApi(stack.worker.url));
  let waiting: { key: string; resolve: () => void } | null = null;
  const typist = participant(stack.worker.url, created.roomId, created.tokens.candidate, 'Cara', () => {});
  const watcher = participant(stack.worker.url, created.roomId, created.tokens.interviewer, 'Ian', (m) => {
    if (waiting && m.type === 'terminal.output' && m.data.includes(waiting.key)) waiting.resolve();
  });
  await Promise.all([typist.synced, watcher.synced]);
  typist.provider.ws?.send(JSON.stringify({ type: 'terminal.open' }));
  await until(
    () => watcher.room.view.terminal?.state === 'open' && /\$ $/.test(watcher.room.view.terminalScreen),
    'the prompt',
    60_000,
  );
  const terminalId = watcher.room.view.terminal?.terminalId as string;
  const type = (data: string) => typist.provider.ws?.send(JSON.stringify({ type: 'terminal.input', terminalId, data }));
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + KEYS; i++) {
    if (i > 0 && i % LINE_KEYS === 0) {
      const before = watcher.room.view.terminalScreen.length;
      type('\x15'); // Ctrl-U: the line is cleared (its redraw is not timed)
      await until(() => watcher.room.view.terminalScreen.length > before, 'the cleared line');
      await pace();
    }
    const key = LETTERS[i % LETTERS.length] as string;
    const seen = new Promise<void>((resolve) => {
      waiting = { key, resolve };
    });
    const sent = performance.now();
    type(key);
    await seen;
    waiting = null;
    if (i >= WARMUP) samples.push(performance.now() - sent);
    await pace();
  }
  typist.provider.ws?.send(JSON.stringify({ type: 'terminal.close', terminalId }));
  await until(() => watcher.room.view.terminal === null, 'the close', 30_000);
  for (const p of [typist, watcher]) p.provider.destroy();
  return samples;
}

// EXECUTOR_OWNER labels its sandboxes (startStack names one of its own otherwise).
const stack = await startStack(process.env.EXECUTOR_OWNER ? { EXECUTOR_OWNER: process.env.EXECUTOR_OWNER } : {});
try {
  const baseline = summarize(await plainEcho({ count: KEYS, warmup: WARMUP, message: () => 'a', pace }));
  const terminal = summarize(await terminalEcho(stack));
  console.log(`\nkeystroke → echo at another participant, ${KEYS} keys (ms)\n`);
  console.log(
    table([
      { path: 'plain WebSocket echo of one byte (baseline)', ...baseline },
      { path: 'terminal: key → pty echo at another participant', ...terminal },
    ]),
  );
} finally {
  await stack.dispose();
}
