/**
 * Load: the same rows of rooms × clients × edits/s against CodeSync on `wrangler dev`,
 * the same bundle on one workerd without the dev proxy, and the reference Yjs server
 * (@y/websocket-server, in memory) as the baseline, in one run. Then the memory that
 * comes back once the load has gone (issue 19 items 4 and 6).
 *
 *   npm run bench:load
 *   BENCH_ROWS=1x2x5,20x10x5 BENCH_SERVERS=direct,ref BENCH_VARIANTS=edits BENCH_SECONDS=5 BENCH_IDLE_S=10 npm run bench:load
 *   BENCH_JS_HEAP=1 BENCH_ROWS=20x10x5 BENCH_SERVERS=direct,ref npm run bench:load   # and the JS heap after GC, before and after
 *
 * Clients run in BENCH_CLIENT_PROCS (≥ 2) Node processes, the round-trip probe in
 * another (bench/load/clients.ts, probe.ts); the servers' CPU and RSS are read from
 * /proc over each row (procstat.ts). Progress goes to stderr, the tables to stdout.
 * Every variable, its default and its check: bench/load/config.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { applyMigrations, ROOT, reapChildrenWithThisProcess } from '../scripts/lib/processes.mjs';
import { buildWeb } from '../scripts/lib/web.mjs';
import { jsHeapAfterGc } from './lib/jsHeap';
import { type Child, startChild } from './load/children';
import { type Config, readConfig, rowName } from './load/config';
import type { ClientRequest, ProbeRequest } from './load/messages';
import { sampleTree, type TreeSample } from './load/procstat';
import { kneeLines, type MemoryCheck, memoryTable, resultTable } from './load/report';
import { type RowResult, runRow } from './load/row';
import { type Server, startServer } from './load/servers';

const config = readConfig();
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const loadAtStart = load();
const log = (line: string) => process.stderr.write(`[${elapsed()}] ${line}\n`);

// Whatever started is stopped on the way out: normal end, an error, or Ctrl-C / SIGTERM.
const stops: (() => Promise<void>)[] = [];
let stopping: Promise<void> | null = null;
const cleanUp = () => {
  stopping ??= Promise.allSettled(stops.reverse().map((stop) => stop())).then(() => undefined);
  return stopping;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping every server and child process`);
    cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  reapChildrenWithThisProcess(); // the servers go even if this process is killed outright
  const persistTo = mkdtempSync(path.join(config.stateDir, 'codesync-load-'));
  stops.push(async () => rmSync(persistTo, { recursive: true, force: true }));
  applyMigrations(persistTo);
  // The worker serves web/dist as assets and will not start without it; its content does not matter here.
  if (!existsSync(path.join(ROOT, 'web/dist'))) buildWeb();

  const servers: Server[] = [];
  for (const id of config.servers) {
    log(`starting ${id}`);
    const server = await startServer(id, persistTo, config.stateDir, config.jsHeap);
    stops.push(() => server.stop());
    servers.push(server);
  }
  const clients: Child<ClientRequest>[] = Array.from({ length: config.clientProcesses }, (_, i) =>
    startChild<ClientRequest>(`clients ${i + 1}`, 'clients.ts'),
  );
  const probe = startChild<ProbeRequest>('probe', 'probe.ts');
  for (const child of [...clients, probe]) stops.push(() => child.stop());

  // Baseline memory: each server started and idle, before any room exists.
  await new Promise((r) => setTimeout(r, 2_000));
  const baselines = new Map<Server, TreeSample>(servers.map((s) => [s, sampleTree(s.pid)]));
  const heapBaselines = new Map<Server, number | null>();
  for (const server of servers) heapBaselines.set(server, await jsHeap(server));

  const results: RowResult[] = [];
  const runs = config.variants.flatMap((variant) => config.rows.map((row) => ({ variant, row })));
  const idleChecks: Promise<MemoryCheck>[] = [];
  for (const [i, { variant, row }] of runs.entries()) {
    for (const server of servers) {
      const result = await runRow(server, row, variant, config, { clients, probe });
      results.push(result);
      log(
        `${variant} ${rowName(row)} ${server.name}: p99 ${result.latency.p99.toFixed(1)} ms, ` +
          `converged ${result.convergeMs === null ? 'no' : `${(result.convergeMs / 1000).toFixed(2)} s`}`,
      );
      // The server's last row is done: its idle spell starts now, while the others run theirs.
      if (i === runs.length - 1) idleChecks.push(idleCheck(server, baselines, heapBaselines, results, config));
    }
  }
  log(`waiting for the memory checks (${config.idleSeconds} s idle after each server's last row)`);
  const checks = await Promise.all(idleChecks);

  const date = new Date().toISOString().slice(0, 10);
  console.log(
    `\nLoad, ${date}: ${config.seconds} s of editing measured per row after ${config.warmupSeconds} s of warm-up, clients in ${config.clientProcesses} processes, ` +
      `probe every ${config.probeIntervalMs} ms per room, rooms stored in ${config.stateDir}; ${cpus().length} cores, ` +
      `load average ${loadAtStart} at the start and ${load()} at the end (1, 5, 15 min)\n`,
  );
  console.log(resultTable(results, config));
  console.log();
  for (const line of kneeLines(results, servers, config.variants)) console.log(line);
  console.log(`\nMemory that comes back (after the last row and ${config.idleSeconds} s idle; aim ≤ 1.5×)\n`);
  console.log(memoryTable(checks, config.idleSeconds));
  console.log(`\nTook ${elapsed()}.`);
}

async function idleCheck(
  server: Server,
  baselines: Map<Server, TreeSample>,
  heapBaselines: Map<Server, number | null>,
  results: RowResult[],
  config: Config,
): Promise<MemoryCheck> {
  const idleStart = sampleTree(server.pid);
  await new Promise((r) => setTimeout(r, config.idleSeconds * 1000));
  const peakRssBytes = Math.max(...results.filter((r) => r.server === server).map((r) => r.peakRssBytes));
  const baseline = baselines.get(server) as TreeSample;
  const afterIdle = sampleTree(server.pid);
  const heap = { before: heapBaselines.get(server) ?? null, after: await jsHeap(server) };
  return { server, baseline, peakRssBytes, idleStart, afterIdle, heap };
}

/** The serving isolate's JS heap after a full collection, where the server has an inspector. */
async function jsHeap(server: Server): Promise<number | null> {
  if (server.inspectorPort === undefined) return null;
  try {
    return (await jsHeapAfterGc(server.inspectorPort)).usedBytes;
  } catch (error) {
    log(`${server.name}: JS heap not read (${(error as Error).message})`);
    return null;
  }
}

try {
  await main();
} finally {
  await cleanUp();
}
process.exit(0);
