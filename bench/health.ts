/**
 * What the page's connection-health probe measures (web/src/room/health.ts), against
 * `wrangler dev` on loopback: the round trip of the text frame `ping`, which the
 * runtime answers `pong` without running the room's code, beside a baseline measured in
 * the same run, the room's own sync step 1 → step 2 round trip (what roundTrip.ts times:
 * it goes through the room's Durable Object). Each is measured in a quiet room and in a
 * busy one (EDITORS stock y-websocket clients each typing every EDIT_EVERY_MS).
 *
 *   npm run bench:health
 *
 * Prints p50 / p99 / max per probe and load. The ping should stay flat when the room is
 * busy (it measures the network, not the room); the step 2 baseline grows with the room's
 * work. Probes go one at a time, every PROBE_EVERY_MS, like the page's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { createRoom, httpApi } from '../testing/rooms';
import { fileByPath } from '../worker/src/room/doc';
import { encodeSyncStep1 } from '../worker/src/room/protocol';
import { summarize, table } from './lib/stats';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const PROBE_EVERY_MS = 20;
const EDITORS = 10;
const EDIT_EVERY_MS = 100;

/** One round trip on `ws`: sends `frame`, resolves with the ms until `answers(data)` says it came. */
function roundTrip(
  ws: WebSocket,
  frame: string | Uint8Array,
  answers: (data: WebSocket.RawData, binary: boolean) => boolean,
) {
  return new Promise<number>((resolve) => {
    const sent = performance.now();
    const onMessage = (data: WebSocket.RawData, binary: boolean) => {
      if (!answers(data, binary)) return;
      ws.off('message', onMessage);
      resolve(performance.now() - sent);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

async function probe(url: string, kind: 'ping' | 'step2'): Promise<number[]> {
  const ws = new WebSocket(url);
  ws.binaryType = 'nodebuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const samples: number[] = [];
  // An empty state vector each time: the answer is the whole (small) document, as for a newcomer.
  const step1 = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
  for (let i = 0; i < SAMPLES; i++) {
    samples.push(
      kind === 'ping'
        ? await roundTrip(ws, 'ping', (data, binary) => !binary && data.toString() === 'pong')
        : await roundTrip(
            ws,
            step1,
            (data, binary) => binary && (data as Buffer)[0] === 0 && (data as Buffer)[1] === 1,
          ),
    );
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  ws.close();
  return samples;
}

/** EDITORS clients typing into the room until stopped. */
async function busy(url: string, roomId: string, token: string): Promise<() => void> {
  const editors = Array.from({ length: EDITORS }, (_, i) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, roomId, doc, {
      params: { token, name: `editor${i}` },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    return { doc, provider };
  });
  await Promise.all(
    editors.map((e) => new Promise<void>((r) => (e.provider.synced ? r() : e.provider.once('sync', () => r())))),
  );
  const timers = editors.map((e, i) =>
    setInterval(() => fileByPath(e.doc, 'main.py')?.text.insert(0, `${i}`), EDIT_EVERY_MS),
  );
  return () => {
    for (const t of timers) clearInterval(t);
    for (const e of editors) e.provider.destroy();
  };
}

async function main() {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-'));
  applyMigrations(persistTo);
  const port = Number(process.env.CODESYNC_PORT ?? (await freePort()));
  const server = await startWrangler({ port, persistTo });
  try {
    const api = httpApi(`http://127.0.0.1:${port}`);
    const rows: Record<string, string | number>[] = [];
    for (const load of ['quiet', 'busy'] as const) {
      const room = await createRoom(api);
      const base = `ws://127.0.0.1:${port}/api/rooms/${room.roomId}`;
      const url = `${base}/ws?token=${room.tokens.observer}&name=probe`;
      const stop = load === 'busy' ? await busy(base, 'ws', room.tokens.candidate) : () => {};
      try {
        for (const kind of ['step2', 'ping'] as const) {
          const s = summarize(await probe(url, kind));
          rows.push({
            load,
            probe: kind === 'ping' ? 'ping → pong (health.ts)' : 'step 1 → step 2 (baseline)',
            n: s.n,
            'p50 ms': s.p50,
            'p99 ms': s.p99,
            'max ms': s.max,
          });
        }
      } finally {
        stop();
      }
    }
    console.log(
      `\nRound trips on loopback through wrangler dev (${SAMPLES} each, one at a time; busy: ${EDITORS} editors × ${1000 / EDIT_EVERY_MS} edits/s)\n`,
    );
    console.log(table(rows));
  } finally {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
