/**
 * Edit-to-peer latency and throughput: N stock y-websocket clients in one room over
 * loopback, against our `wrangler dev` and against the reference Yjs server
 * (@y/websocket-server on Node), in the same run.
 *
 *   npm run bench:room-sync            (N = 2, 10, 50)
 *
 * Latency: one edit every INTERVAL_MS from a rotating client; for each edit, the time
 * until every other client has it (the slowest receiver), p50/p99. An edit is a
 * keystroke-sized insert into the room's entry file carrying its own send time
 * ("l12@1234.567;"), so the room's schema gate sees real edits.
 * Throughput: BURST edits sent at once, edits/s until every client has all of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyMigrations, freePort, ROOT, startProcess, startWrangler } from '../scripts/lib/processes.mjs';
import { createRoom, httpApi } from '../testing/rooms';
import { fileByPath, seedDoc } from '../worker/src/room/doc';
import { startDirectWorker } from './lib/directWorker';
import { summarize, table } from './lib/stats';

const SIZES = (process.env.BENCH_SIZES ?? '2,10,50').split(',').map(Number);
const EDITS = 200;
const INTERVAL_MS = 10;
const BURST = 500;

interface Target {
  name: string;
  /** Opens a client for a room that `room()` made. */
  connect(room: string, doc: Y.Doc): WebsocketProvider;
  room(): Promise<string>;
}

function provider(url: string, name: string, doc: Y.Doc, params: Record<string, string> = {}) {
  return new WebsocketProvider(url, name, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true, // or clients in one process sync with each other and skip the server
  });
}

async function run(target: Target, clients: number) {
  const room = await target.room();
  const peers = Array.from({ length: clients }, () => {
    const doc = new Y.Doc();
    return { doc, provider: target.connect(room, doc) };
  });
  await Promise.all(
    peers.map(
      (p) => new Promise<void>((resolve) => (p.provider.synced ? resolve() : p.provider.once('sync', () => resolve()))),
    ),
  );
  // The reference server starts empty: the first client makes the file a CodeSync room has.
  const first = peers[0] as (typeof peers)[number];
  if (!fileByPath(first.doc, 'main.py')) seedDoc(first.doc, { path: 'main.py', content: '' });
  const textOf = (doc: Y.Doc) => fileByPath(doc, 'main.py')?.text;
  await Promise.all(
    peers.map(async (p) => {
      while (!textOf(p.doc)) await new Promise((r) => setTimeout(r, 5));
    }),
  );

  // Each arrival at a receiver is recorded; an edit's latency is its slowest receiver.
  const arrivals = new Map<string, number[]>();
  let received = 0;
  for (const peer of peers) {
    textOf(peer.doc)?.observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const [, key, sent] of op.insert.matchAll(/([lb]\d+)@([\d.]+);/g)) {
          const list = arrivals.get(key as string) ?? [];
          list.push(now - Number(sent));
          arrivals.set(key as string, list);
          received += 1;
        }
      }
    });
  }
  const waitFor = async (count: number, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (received < count) {
      if (performance.now() > deadline) throw new Error(`${target.name}: only ${received}/${count} arrivals`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  const edit = (i: number, prefix: string) => {
    const peer = peers[i % clients] as (typeof peers)[number];
    textOf(peer.doc)?.insert(0, `${prefix}${i}@${performance.now().toFixed(3)};`);
  };

  for (let i = 0; i < EDITS; i++) {
    edit(i, 'l');
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  await waitFor(EDITS * (clients - 1), 30_000);
  const latency = summarize([...arrivals.values()].map((list) => Math.max(...list)));

  received = 0;
  const start = performance.now();
  for (let i = 0; i < BURST; i++) edit(i, 'b');
  await waitFor(BURST * (clients - 1), 60_000);
  const seconds = (performance.now() - start) / 1000;

  for (const peer of peers) peer.provider.destroy();
  return { latency, editsPerSecond: BURST / seconds };
}

async function main() {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-'));
  applyMigrations(persistTo);
  const ourPort = await freePort();
  const refPort = await freePort();
  const directPort = await freePort();
  // Whatever started is stopped in `finally`, even when a later start fails.
  const stops: (() => Promise<void>)[] = [];
  try {
    const ours = await startWrangler({ port: ourPort, persistTo });
    stops.push(() => ours.stop());
    const direct = await startDirectWorker(path.join(persistTo, 'bundle'), directPort);
    stops.push(() => direct.dispose());
    const reference = await startProcess({
      name: '@y/websocket-server',
      command: process.execPath,
      args: [path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js')],
      env: { HOST: '127.0.0.1', PORT: String(refPort) },
      healthUrl: `http://127.0.0.1:${refPort}/`,
    });
    stops.push(() => reference.stop());
    await measure(ourPort, directPort, refPort);
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(persistTo, { recursive: true, force: true });
  }
  process.exit(0);
}

async function measure(ourPort: number, directPort: number, refPort: number) {
  const tokens = new Map<string, string>();
  const codesync = (name: string, port: number): Target => ({
    name,
    async room() {
      const created = await createRoom(httpApi(`http://127.0.0.1:${port}`));
      tokens.set(created.roomId, created.tokens.candidate);
      return created.roomId;
    },
    connect: (room, doc) =>
      provider(`ws://127.0.0.1:${port}/api/rooms/${room}`, 'ws', doc, { token: tokens.get(room) ?? '', name: 'bench' }),
  });
  const targets: Target[] = [
    codesync('codesync (wrangler dev)', ourPort),
    codesync('codesync (workerd, no dev proxy)', directPort),
    {
      name: 'reference (@y/websocket-server)',
      room: async () => `bench-${Math.random().toString(36).slice(2)}`,
      connect: (room, doc) => provider(`ws://127.0.0.1:${refPort}`, room, doc),
    },
  ];

  // BENCH_TARGETS=<text> keeps the CodeSync servers whose name has it; the reference always runs.
  const only = process.env.BENCH_TARGETS ?? '';
  const chosen = targets.filter((t, i) => i === targets.length - 1 || t.name.includes(only));
  const rows: Record<string, string | number>[] = [];
  for (const clients of SIZES) {
    const results = [];
    for (const target of chosen) results.push({ target, ...(await run(target, clients)) });
    const ref = results.at(-1) as (typeof results)[number];
    for (const r of results) {
      rows.push({
        clients,
        server: r.target.name,
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        'edits/s': Math.round(r.editsPerSecond),
        'p99 vs ref': `${(r.latency.p99 / ref.latency.p99).toFixed(2)}×`,
      });
    }
  }
  console.log(`\nEdit → every other client, ${EDITS} edits at ${INTERVAL_MS} ms; throughput: burst of ${BURST}\n`);
  console.log(table(rows));
}

await main();
