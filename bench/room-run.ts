/**
 * From a run request in a room to `run.finished` seen by another participant, beside
 * the executor's own `?wait=true` time for the same program, in the same run.
 *
 *   npm run bench:room-run
 *
 * Each run starts once the executor's pool has refilled (a click on Run), so both
 * columns measure the same thing: one run on a ready sandbox.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { signedHeaders } from '../executor/src/api';
import { startExecutor } from '../scripts/lib/executor.mjs';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { RoomMessages } from '../testing/roomClient';
import { createRoom, httpApi } from '../testing/rooms';
import { type FileView, fileByPath } from '../worker/src/room/doc';
import type { ServerMessage } from '../worker/src/room/messages';
import { summarize, table } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PROGRAM = 'print(1)\n';

function participant(port: number, roomId: string, token: string, onMessage: (m: ServerMessage) => void) {
  const room = new RoomMessages(onMessage);
  const doc = new Y.Doc();
  const provider = new YProvider(`127.0.0.1:${port}`, roomId, doc, {
    prefix: `/api/rooms/${roomId}/ws`,
    params: { token, name: 'bench', events: '1' },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && provider.ws) room.listen(provider.ws);
  });
  return { doc, provider, synced: new Promise<void>((r) => provider.once('sync', () => r())) };
}

async function poolReady(executorUrl: string) {
  for (;;) {
    const health = (await (await fetch(`${executorUrl}/health`)).json()) as { pool: { ready: Record<string, number> } };
    if ((health.pool.ready.python ?? 0) >= 1) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const secret = randomBytes(32).toString('hex');
  const executorPort = await freePort();
  const workerPort = await freePort();
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-run-'));
  applyMigrations(persistTo);
  const stops: (() => Promise<void>)[] = [];
  try {
    const executor = await startExecutor({
      port: executorPort,
      secret,
      env: {
        EXECUTOR_POOL_SIZE: '1',
        EXECUTOR_OWNER: 'bench-run',
        EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${workerPort}`,
      },
    });
    stops.push(() => executor.stop());
    const executorUrl = `http://127.0.0.1:${executorPort}`;
    const worker = await startWrangler({
      port: workerPort,
      persistTo,
      vars: { EXECUTOR_URL: executorUrl, EXECUTOR_SECRET: secret },
    });
    stops.push(() => worker.stop());

    // A room may start RUNS_PER_ROOM_PER_MINUTE runs a minute: take a fresh room every 15.
    const roomSamples: number[] = [];
    for (let done = -2; done < RUNS; ) {
      const created = await createRoom(httpApi(`http://127.0.0.1:${workerPort}`));
      let finished: (() => void) | null = null;
      const runner = participant(workerPort, created.roomId, created.tokens.candidate, (m) => {
        if (m.type === 'error') throw new Error(`the room refused the run: ${JSON.stringify(m)}`);
      });
      const watcher = participant(workerPort, created.roomId, created.tokens.interviewer, (m) => {
        const closing = m.type === 'run.event' && (m.event.type === 'finished' || m.event.type === 'failed');
        if (closing && finished) finished();
      });
      await Promise.all([runner.synced, watcher.synced]);
      const text = (fileByPath(runner.doc, 'main.py') as FileView).text;
      runner.doc.transact(() => {
        text.delete(0, text.length);
        text.insert(0, PROGRAM);
      });
      for (let i = 0; i < 15 && done < RUNS; i++, done++) {
        await poolReady(executorUrl);
        await new Promise((r) => setTimeout(r, 200)); // let the last run's removal settle
        const ended = new Promise<void>((resolve) => {
          finished = resolve;
        });
        const t = performance.now();
        runner.provider.ws?.send(JSON.stringify({ type: 'run' }));
        await ended;
        if (done >= 0) roomSamples.push(performance.now() - t); // the first two warm up
      }
      runner.provider.destroy();
      watcher.provider.destroy();
    }

    const directSamples: number[] = [];
    const body = JSON.stringify({ language: 'python', files: [{ path: 'main.py', content: PROGRAM }], analyze: true });
    for (let i = 0; i < RUNS; i++) {
      await poolReady(executorUrl);
      await new Promise((r) => setTimeout(r, 200));
      const t = performance.now();
      const res = await fetch(`${executorUrl}/v1/jobs?wait=true`, {
        method: 'POST',
        headers: await signedHeaders(secret, 'to-executor', { method: 'POST', path: '/v1/jobs?wait=true', body }),
        body,
      });
      await res.json();
      directSamples.push(performance.now() - t);
    }
    const room = summarize(roomSamples);
    const direct = summarize(directSamples);
    console.log(`\nRun python print(1): request → finished seen by another participant (${RUNS} runs each)\n`);
    console.log(
      table([
        { path: 'room (wrangler dev → executor → callbacks → peer)', 'p50 ms': room.p50, 'p99 ms': room.p99 },
        { path: 'executor alone (?wait=true)', 'p50 ms': direct.p50, 'p99 ms': direct.p99 },
        { path: 'added by the room', 'p50 ms': room.p50 - direct.p50, 'p99 ms': room.p99 - direct.p99 },
      ]),
    );
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(persistTo, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
