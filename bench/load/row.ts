/**
 * One row of the table against one server: fresh rooms, every room's clients spread
 * over the client processes, the probe on every room, a fixed window of editing, then
 * the wait until every client holds every edit. The server's process tree is sampled
 * for CPU and peak memory over the whole row.
 */
import { summarize } from '../lib/stats';
import type { Child } from './children';
import type { Config, Row, Variant } from './config';
import {
  type ClientRequest,
  type ClientRoom,
  type ProbeRequest,
  type ProbeResult,
  type RoomClocks,
  type SettleResult,
  wallNow,
} from './messages';
import { watchTree } from './procstat';
import type { Server } from './servers';

export interface RowResult {
  server: Server;
  row: Row;
  variant: Variant;
  edits: number;
  latency: ReturnType<typeof summarize>;
  /** The same over the warm-up's edits (not in `latency`). */
  warmup: ReturnType<typeof summarize>;
  rtt: ReturnType<typeof summarize>;
  unanswered: number;
  /** Editing stopped → every client holds every edit, ms; null when that did not happen in time. */
  convergeMs: number | null;
  /** Clients still behind when the time ran out. */
  behind: number;
  /** Sockets closed by the server or the network during the row, by close code (clients and probe). */
  closes: Record<string, number>;
  cpuPercent: number;
  /** Every process on the machine (clients, probe, other work), % of one core. */
  hostPercent: number;
  peakRssBytes: number;
  /** Worst client process event-loop delay p99: above a few ms the generator itself is late. */
  generatorLagMs: number;
}

export interface Generators {
  clients: Child<ClientRequest>[];
  probe: Child<ProbeRequest>;
}

/** Spreads a room's clients round-robin, starting at a different process per room, so rooms span processes. */
function spread(
  rooms: ClientRoom[][],
  room: Omit<ClientRoom, 'clients' | 'seeds'>,
  clients: number,
  emptyRoom: boolean,
) {
  const processes = rooms.length;
  let seeded = false;
  for (let p = 0; p < processes; p++) {
    // The extra clients (clients % processes) go to a different process for each room.
    const turn = (((p - room.index) % processes) + processes) % processes;
    const count = Math.floor(clients / processes) + (turn < clients % processes ? 1 : 0);
    if (count === 0) continue;
    (rooms[p] as ClientRoom[]).push({ ...room, clients: count, seeds: emptyRoom && !seeded });
    seeded = true;
  }
}

function addCloses(into: Record<string, number>, from: Record<string, number>) {
  for (const [code, n] of Object.entries(from)) into[code] = (into[code] ?? 0) + n;
}

export async function runRow(
  server: Server,
  row: Row,
  variant: Variant,
  config: Config,
  gen: Generators,
): Promise<RowResult> {
  const rooms = await server.newRooms(row.rooms);
  const perProcess: ClientRoom[][] = gen.clients.map(() => []);
  rooms.forEach((room, index) => {
    spread(perProcess, { ...room.clients, index }, row.clients, server.emptyRooms);
  });
  await Promise.all(
    gen.clients.map((child, p) =>
      child.request({ cmd: 'open', rooms: perProcess[p] ?? [], cursors: variant === 'cursors' }),
    ),
  );
  await gen.probe.request({ cmd: 'open', rooms: rooms.map((r) => r.probe) });

  // Every process starts editing at the same wall time, a moment from now; what is
  // measured starts after the warm-up, for every server alike.
  const startAt = wallNow() + 300;
  const measureFrom = startAt + config.warmupSeconds * 1000;
  const stopAt = measureFrom + config.seconds * 1000;
  await gen.probe.request({ cmd: 'probe', intervalMs: config.probeIntervalMs, measureFrom, stopAt });
  const editing = Promise.all(
    gen.clients.map((c) => c.request<number>({ cmd: 'edit', startAt, measureFrom, stopAt, rate: row.rate })),
  );
  await new Promise((r) => setTimeout(r, Math.max(0, measureFrom - wallNow())));
  const tree = watchTree(server.pid);
  const sent = await editing;

  // Per room, the state every doc must reach: each of its clients' final clock (no one edits any more).
  const target: RoomClocks = {};
  const reported = await Promise.all(gen.clients.map((c) => c.request<RoomClocks>({ cmd: 'clocks' })));
  for (const [room, byClient] of reported.flatMap((clocks) => Object.entries(clocks))) {
    const merged = target[room] ?? {};
    for (const [client, clock] of Object.entries(byClient)) merged[client] = Math.max(merged[client] ?? 0, clock);
    target[room] = merged;
  }
  const timeoutMs = config.settleSeconds * 1000;
  const settled = await Promise.all(
    gen.clients.map((c) => c.request<SettleResult>({ cmd: 'settle', target, timeoutMs })),
  );
  const probed = await gen.probe.request<ProbeResult>({ cmd: 'collect', waitMs: 1_000 });
  const { cpuPercent, hostPercent, peakRssBytes } = tree.stop();

  await Promise.all(gen.clients.map((c) => c.request({ cmd: 'close' })));
  await gen.probe.request({ cmd: 'close' });
  // Let the server see the sockets go before the next row starts.
  await new Promise((r) => setTimeout(r, 500));

  const closes: Record<string, number> = {};
  for (const s of settled) addCloses(closes, s.closes);
  addCloses(closes, probed.closes);
  const behind = settled.reduce((n, s) => n + s.behind, 0);
  const convergedAt = settled.map((s) => s.convergedAt);
  return {
    server,
    row,
    variant,
    edits: sent.reduce((n, s) => n + s, 0),
    latency: summarize(settled.flatMap((s) => s.latencies)),
    warmup: summarize(settled.flatMap((s) => s.warmupLatencies)),
    rtt: summarize(probed.rtts),
    unanswered: probed.unanswered,
    convergeMs: behind === 0 ? Math.max(0, Math.max(...(convergedAt as number[])) - stopAt) : null,
    behind,
    closes,
    cpuPercent,
    hostPercent,
    peakRssBytes,
    generatorLagMs: Math.max(...settled.map((s) => s.lagP99)),
  };
}
