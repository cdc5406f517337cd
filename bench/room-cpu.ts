/**
 * Room CPU per edit (issue 19): the CPU time (utime + stime, /proc) the serving process
 * spends on a fixed workload, divided by the edits sent and by the frames that had to
 * be delivered, for CodeSync (the worker bundle on one workerd, no dev proxy: workerd's
 * own CPU, not its Node host's) beside the reference Yjs server (@y/websocket-server,
 * in memory) in the same run. CPU time per edit does not depend on a quiet machine the
 * way latency does: a starved server takes longer, not more CPU.
 *
 *   npm run bench:room-cpu
 *   BENCH_ROWS=20x10x5 BENCH_SECONDS=6 BENCH_RUNS=3 npm run bench:room-cpu
 *   BENCH_PROFILE=/tmp/room.cpuprofile npm run bench:room-cpu   # and a V8 profile of workerd
 *   BENCH_ROWS=1x50x2 BENCH_VARIANT=cursors npm run bench:room-cpu   # each edit followed by a cursor move
 *
 * Each side runs BENCH_RUNS times, alternating, and the median is printed. Clients are
 * stock y-websocket providers in BENCH_CLIENT_PROCS processes (bench/load/clients.ts).
 * With BENCH_PROFILE, one more CodeSync run (not counted) is profiled over workerd's
 * inspector (DIRECT_INSPECTOR_PORT, default 9131) and the top self times are printed by
 * our source file (bench/lib/cpuProfile.ts).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, reapChildrenWithThisProcess } from '../scripts/lib/processes.mjs';
import { type CpuProfile, startProfile, topSelfTime } from './lib/cpuProfile';
import { table } from './lib/stats';
import { type Child, startChild } from './load/children';
import { type Row, rowName } from './load/config';
import type { ClientRequest, ClientRoom, RoomClocks, SettleResult } from './load/messages';
import { wallNow } from './load/messages';
import { cpuSecondsOf } from './load/procstat';
import { type Server, startServer } from './load/servers';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: "${raw}" must be a number above 0`);
  return value;
}

const rowText = process.env.BENCH_ROWS ?? '20x10x5';
const match = /^(\d+)[x×](\d+)[x×](\d+(?:\.\d+)?)$/.exec(rowText.trim());
if (!match) throw new Error(`BENCH_ROWS: "${rowText}" must be one row, rooms x clients x edits/s, e.g. 20x10x5`);
const row: Row = { rooms: Number(match[1]), clients: Number(match[2]), rate: Number(match[3]) };
const variant = process.env.BENCH_VARIANT || 'edits';
if (variant !== 'edits' && variant !== 'cursors')
  throw new Error(`BENCH_VARIANT: "${variant}" must be edits or cursors`);
const seconds = positive('BENCH_SECONDS', 6);
const runs = Math.round(positive('BENCH_RUNS', 3));
const clientProcesses = Math.max(2, Math.round(positive('BENCH_CLIENT_PROCS', 2)));
const profilePath = process.env.BENCH_PROFILE || null;
const inspectorPort = Math.round(positive('DIRECT_INSPECTOR_PORT', 9131));
if (profilePath) process.env.DIRECT_INSPECTOR_PORT = String(inspectorPort);

const log = (line: string) => process.stderr.write(`[room-cpu] ${line}\n`);
const stops: (() => Promise<void>)[] = [];
const cleanUp = () => Promise.allSettled(stops.reverse().map((stop) => stop()));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));

/** The process that serves rooms: workerd under the direct worker's Node host, the reference's own Node. */
const servingCpu = (server: Server) => cpuSecondsOf(server.pid, server.id === 'ref' ? null : 'workerd');

/** Waits until the server has been idle (no CPU tick) for a moment, or 10 s: what connecting cost is not counted. */
async function quiet(server: Server): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = servingCpu(server);
  let still = 0;
  while (still < 3 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = servingCpu(server);
    still = now - last < 0.015 ? still + 1 : 0;
    last = now;
  }
}

interface RunResult {
  edits: number;
  deliveries: number;
  cpuSeconds: number;
  behind: number;
}

/** Hooks around the measured span (editing until every client holds every edit): the profile takes the same span. */
interface Span {
  start(): Promise<void>;
  stop(): Promise<void>;
}
const NO_SPAN: Span = { start: async () => {}, stop: async () => {} };

async function runOnce(server: Server, clients: Child<ClientRequest>[], span = NO_SPAN): Promise<RunResult> {
  const rooms = await server.newRooms(row.rooms);
  const perProcess: ClientRoom[][] = clients.map(() => []);
  rooms.forEach((room, index) => {
    // Round-robin over the processes; the reference starts rooms empty and one client seeds each.
    for (let i = 0; i < row.clients; i++) {
      const list = perProcess[(index + i) % clients.length] as ClientRoom[];
      const mine = list.find((r) => r.index === index);
      if (mine) mine.clients += 1;
      else list.push({ ...room.clients, index, clients: 1, seeds: server.emptyRooms && i === 0 });
    }
  });
  await Promise.all(
    clients.map((c, p) => c.request({ cmd: 'open', rooms: perProcess[p] ?? [], cursors: variant === 'cursors' })),
  );
  await quiet(server);
  await span.start();
  const before = servingCpu(server);
  const startAt = wallNow() + 200;
  const stopAt = startAt + seconds * 1000;
  await Promise.all(
    clients.map((c) => c.request<number>({ cmd: 'edit', startAt, measureFrom: startAt, stopAt, rate: row.rate })),
  );
  const target: RoomClocks = {};
  for (const clocks of await Promise.all(clients.map((c) => c.request<RoomClocks>({ cmd: 'clocks' })))) {
    for (const [room, byClient] of Object.entries(clocks)) {
      const merged = target[room] ?? {};
      for (const [client, clock] of Object.entries(byClient)) merged[client] = Math.max(merged[client] ?? 0, clock);
      target[room] = merged;
    }
  }
  const settled = await Promise.all(
    clients.map((c) => c.request<SettleResult>({ cmd: 'settle', target, timeoutMs: 60_000 })),
  );
  const cpuSeconds = servingCpu(server) - before;
  await span.stop();
  await Promise.all(clients.map((c) => c.request({ cmd: 'close' })));
  await quiet(server);
  // Counted where they arrived: every remote insert a client saw is one delivery. The
  // clients' own count stops at the end of the window, and a lagging client process
  // still sends the edits its late timers owe after that.
  const deliveries = settled.reduce((n, s) => n + s.latencies.length, 0);
  const behind = settled.reduce((n, s) => n + s.behind, 0);
  return { edits: Math.round(deliveries / (row.clients - 1)), deliveries, cpuSeconds, behind };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

async function profileOnce(server: Server, clients: Child<ClientRequest>[], bundle: string, out: string) {
  let profiler: Awaited<ReturnType<typeof startProfile>> | null = null;
  let profile: CpuProfile | null = null;
  const span: Span = {
    start: async () => {
      profiler = await startProfile(inspectorPort);
    },
    stop: async () => {
      profile = (await profiler?.stop()) ?? null;
    },
  };
  const result = await runOnce(server, clients, span);
  if (!profile) throw new Error('the profile was not taken');
  writeFileSync(out, JSON.stringify(profile));
  copyFileSync(bundle, `${out}.bundle.js`); // the profile's lines are this bundle's
  const top = topSelfTime(profile, readFileSync(bundle, 'utf8'));
  console.log(
    `\nCPU profile of workerd over one more run (${result.edits} edits; profiled, so not counted above): ${out}`,
  );
  console.log(`busy ${top.busyMs.toFixed(0)} ms. Self time by file:\n`);
  console.log(table(top.files));
  console.log('\nSelf time by function:\n');
  console.log(table(top.functions));
}

async function main() {
  reapChildrenWithThisProcess();
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-room-cpu-'));
  stops.push(async () => rmSync(persistTo, { recursive: true, force: true }));
  applyMigrations(persistTo);
  const loadAtStart = loadavg().map((n) => n.toFixed(1));
  const servers: Server[] = [];
  for (const id of ['direct', 'ref'] as const) {
    log(`starting ${id}`);
    const server = await startServer(id, persistTo, tmpdir());
    stops.push(() => server.stop());
    servers.push(server);
  }
  const clients = Array.from({ length: clientProcesses }, (_, i) =>
    startChild<ClientRequest>(`clients ${i + 1}`, 'clients.ts'),
  );
  for (const child of clients) stops.push(() => child.stop());

  const results = new Map<Server, RunResult[]>(servers.map((s) => [s, []]));
  for (let run = 1; run <= runs; run++) {
    for (const server of servers) {
      const result = await runOnce(server, clients);
      results.get(server)?.push(result);
      log(
        `run ${run} ${server.name}: ${result.edits} edits, ${result.cpuSeconds.toFixed(2)} s CPU, ` +
          `${((result.cpuSeconds * 1e6) / result.edits).toFixed(0)} µs/edit${result.behind ? `, ${result.behind} behind` : ''}`,
      );
    }
  }
  const ref = servers.find((s) => s.id === 'ref') as Server;
  const perEdit = (s: Server) => median((results.get(s) ?? []).map((r) => (r.cpuSeconds * 1e6) / r.edits));
  const rows = servers.map((server) => {
    const all = results.get(server) ?? [];
    return {
      server: server.name,
      edits: median(all.map((r) => r.edits)),
      'CPU s (each run)': all.map((r) => r.cpuSeconds.toFixed(2)).join(' / '),
      'µs per edit': Math.round(perEdit(server)),
      'µs per delivery': Math.round(median(all.map((r) => (r.cpuSeconds * 1e6) / r.deliveries))),
      'vs ref': `${(perEdit(server) / perEdit(ref)).toFixed(2)}×`,
      behind: all.reduce((n, r) => n + r.behind, 0),
    };
  });
  console.log(
    `\nRoom CPU, ${new Date().toISOString().slice(0, 16)}Z: ${rowName(row)} (rooms × clients × edits/s, ${variant}) for ${seconds} s, ` +
      `median of ${runs} runs each; CPU of the serving process (workerd / the reference's Node); ` +
      `load average ${loadAtStart.join(' ')} at the start, ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} at the end\n`,
  );
  console.log(table(rows));
  const direct = servers.find((s) => s.id === 'direct');
  if (profilePath && direct) await profileOnce(direct, clients, path.join(persistTo, 'bundle/index.js'), profilePath);
}

try {
  await main();
} finally {
  await cleanUp();
}
process.exit(0);
