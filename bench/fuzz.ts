/**
 * The fuzzer's long mode (issue #10): the same mutated frames as e2e/attacks/fuzz.test.ts,
 * many more of them, against a fresh `wrangler dev`. Prints what was sent, how sockets
 * were closed, and whether a stock client still syncs with the known edit intact.
 *
 *   npm run bench:fuzz                       # 200 000 frames
 *   FUZZ_FRAMES=1000000 FUZZ_SEED=7 npm run bench:fuzz
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { fuzzRoom } from '../testing/fuzz';
import { createRoom, httpApi } from '../testing/rooms';
import { until } from '../testing/until';
import { fileByPath } from '../worker/src/room/doc';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 200_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);

function stockClient(wsUrl: string, roomId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/api/rooms/${roomId}`, 'ws', doc, {
    params: { token, name: 'check' },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return {
    doc,
    synced,
    text: () => fileByPath(doc, 'main.py')?.text.toString() ?? '',
    destroy: () => provider.destroy(),
  };
}

const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-fuzz-'));
applyMigrations(persistTo);
const port: number = await freePort();
const server = await startWrangler({
  port,
  persistTo,
  vars: { EXECUTOR_URL: 'http://127.0.0.1:9', EXECUTOR_SECRET: 'fuzz-secret-0123456789abcdef0123456789' },
});
try {
  const wsUrl = `ws://127.0.0.1:${port}`;
  const room = await createRoom(httpApi(`http://127.0.0.1:${port}`));
  const author = stockClient(wsUrl, room.roomId, room.tokens.candidate);
  await author.synced;
  const known = `# known edit, seed ${SEED}\n`;
  fileByPath(author.doc, 'main.py')?.text.insert(0, known);
  await new Promise((r) => setTimeout(r, 500));
  const t = performance.now();
  const report = await fuzzRoom({
    wsUrl,
    roomId: room.roomId,
    token: room.tokens.candidate,
    frames: FRAMES,
    seed: SEED,
  });
  const seconds = (performance.now() - t) / 1000;
  const check = stockClient(wsUrl, room.roomId, room.tokens.observer);
  await check.synced;
  await until(() => check.text().startsWith(known) || undefined, 'the known edit after the fuzz', 30_000);
  console.log(`fuzz: ${report.sent} frames in ${seconds.toFixed(1)} s (seed ${SEED})`);
  console.log('by kind:', report.byKind);
  console.log('socket closes by code:', report.closes);
  console.log('after: a stock client synced and the known edit is intact');
  author.destroy();
  check.destroy();
} finally {
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
