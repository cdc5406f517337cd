/**
 * Keystroke → echo at another participant for interactive runs (SPEC "Interactive
 * runs"): a participant sends a line of stdin to a live interactive Python run that
 * prints each line back, and the time is taken when ANOTHER participant's socket hears
 * the program's output of that line (room → stream → sandbox → stream → room → socket).
 * Beside it, in the same run, a plain WebSocket echo over loopback: the floor.
 *
 *   npm run bench:interactive
 *   BENCH_LINES=300 npm run bench:interactive
 *
 * Lines are paced under the room's stdin rate limit (STDIN_PER_SECOND): one person typing.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { type Stack, startStack } from '../e2e/support/stack';
import { RoomMessages } from '../testing/roomClient';
import { createRoom, httpApi } from '../testing/rooms';
import { until } from '../testing/until';
import { STDIN_PER_SECOND } from '../worker/src/limits';
import { fileByPath } from '../worker/src/room/doc';
import type { ServerMessage } from '../worker/src/room/messages';
import { plainEcho } from './lib/plainEcho';
import { summarize, table } from './lib/stats';

const LINES = Number(process.env.BENCH_LINES ?? 150);
const WARMUP = 10;
/** Under the room's limit, so no line is refused. */
const PACE_MS = Math.ceil(1000 / STDIN_PER_SECOND) + 10;
const ECHO_PROGRAM = 'while True:\n    print(input())\n';

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

async function interactiveEcho(stack: Stack): Promise<number[]> {
  const api = httpApi(stack.worker.url);
  const created = await createRoom(api);
  let waiting: { marker: string; resolve: () => void } | null = null;
  const typist = participant(stack.worker.url, created.roomId, created.tokens.candidate, 'Cara', () => {});
  const watcher = participant(stack.worker.url, created.roomId, created.tokens.interviewer, 'Ian', (m) => {
    if (waiting && m.type === 'run.event' && m.event.type === 'output' && m.event.stream === 'stdout') {
      if (m.event.data.includes(waiting.marker)) waiting.resolve();
    }
  });
  await Promise.all([typist.synced, watcher.synced]);
  const text = fileByPath(typist.doc, 'main.py')?.text;
  if (!text) throw new Error('the room has no main.py');
  typist.doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, ECHO_PROGRAM);
  });
  await until(() => watcher.room.messages.length > 0, 'the room');
  typist.provider.ws?.send(JSON.stringify({ type: 'run', interactive: true }));
  const queued = await until(() => typist.room.find('run.queued'), 'the run', 30_000);
  const { runId } = queued.run;
  await until(() => typist.room.runById(runId)?.state === 'running', 'the run to start', 30_000);
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + LINES; i++) {
    const marker = `line-${i}`;
    const seen = new Promise<void>((resolve) => {
      waiting = { marker, resolve };
    });
    const sent = performance.now();
    typist.provider.ws?.send(JSON.stringify({ type: 'stdin', runId, data: `${marker}\n` }));
    await seen;
    if (i >= WARMUP) samples.push(performance.now() - sent);
    await pace();
  }
  typist.provider.ws?.send(JSON.stringify({ type: 'run.stop', runId }));
  for (const p of [typist, watcher]) p.provider.destroy();
  return samples;
}

// EXECUTOR_OWNER labels its sandboxes (startStack names one of its own otherwise).
const stack = await startStack(process.env.EXECUTOR_OWNER ? { EXECUTOR_OWNER: process.env.EXECUTOR_OWNER } : {});
try {
  const baseline = summarize(await plainEcho({ count: LINES, warmup: WARMUP, message: (i) => `line-${i}\n`, pace }));
  const interactive = summarize(await interactiveEcho(stack));
  console.log(`\nkeystroke → echo at another participant, ${LINES} lines (ms)\n`);
  console.log(
    table([
      { path: 'plain WebSocket echo (baseline)', ...baseline },
      { path: 'interactive run: stdin line → program output at another participant', ...interactive },
    ]),
  );
} finally {
  await stack.dispose();
}
