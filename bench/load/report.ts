/**
 * The printed result: one line per row and server (the reference server is the baseline
 * measured in the same run), the knee of each server, and the memory that came back
 * after the load.
 */
import { table } from '../lib/stats';
import { type Config, deliveriesPerSecond, rowName, type Variant } from './config';
import type { TreeSample } from './procstat';
import type { RowResult } from './row';
import type { Server } from './servers';

/** The latency a row must stay under to count as keeping up. */
export const KNEE_P99_MS = 100;

const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

function dropped(closes: Record<string, number>): string {
  const total = Object.values(closes).reduce((n, c) => n + c, 0);
  if (total === 0) return '0';
  return `${total} (${Object.entries(closes)
    .map(
      ([code, n]) =>
        `${code}${CLOSE_NAMES[code.replace('probe ', '')] ? ` ${CLOSE_NAMES[code.replace('probe ', '')]}` : ''}×${n}`,
    )
    .join(', ')})`;
}

function converged(r: RowResult, config: Config): string {
  if (r.convergeMs !== null) return (r.convergeMs / 1000).toFixed(2);
  return `> ${config.settleSeconds} (${r.behind} behind)`;
}

export function resultTable(results: RowResult[], config: Config): string {
  return table(
    results.map((r) => {
      const ref = results.find((x) => x.server.id === 'ref' && x.row === r.row && x.variant === r.variant);
      return {
        variant: r.variant,
        'rooms×clients×edits/s': rowName(r.row),
        server: r.server.name,
        'deliveries/s': deliveriesPerSecond(r.row),
        'p50 ms': ms(r.latency.p50),
        'p99 ms': ms(r.latency.p99),
        'max ms': ms(r.latency.max),
        'rtt p50': ms(r.rtt.p50),
        'rtt p99': r.unanswered > 0 ? `${ms(r.rtt.p99)} (+${r.unanswered} unanswered)` : ms(r.rtt.p99),
        'converge s': converged(r, config),
        dropped: dropped(r.closes),
        'CPU %': Math.round(r.cpuPercent),
        'host CPU %': Math.round(r.hostPercent),
        'RSS MiB': MiB(r.peakRssBytes),
        'p99 vs ref': ref ? `${(r.latency.p99 / ref.latency.p99).toFixed(1)}×` : '',
        'gen lag p99': r.generatorLagMs,
        'warm-up p99': r.warmup.n > 0 ? ms(r.warmup.p99) : '–',
      };
    }),
  );
}

/** Keeping up: p99 under the line, and every edit reached every client in time (else p99 leaves out the lost ones). */
const keepsUp = (r: RowResult) => r.latency.p99 < KNEE_P99_MS && r.convergeMs !== null;

/** Per variant and server, the heaviest row (by deliveries/s) that kept up. */
export function kneeLines(results: RowResult[], servers: Server[], variants: Variant[]): string[] {
  const lines: string[] = [];
  for (const variant of variants) {
    for (const server of servers) {
      const own = results
        .filter((r) => r.server === server && r.variant === variant)
        .sort((a, b) => deliveriesPerSecond(a.row) - deliveriesPerSecond(b.row));
      if (own.length === 0) continue;
      const passing = own.filter(keepsUp);
      const knee = passing.at(-1);
      const failing = own.filter((r) => !keepsUp(r)).map((r) => rowName(r.row));
      const drops = own.filter((r) => Object.keys(r.closes).length > 0).map((r) => rowName(r.row));
      const kneeText = knee ? `${rowName(knee.row)} (${deliveriesPerSecond(knee.row)} deliveries/s)` : 'none';
      const notes = [
        failing.length ? `p99 ≥ ${KNEE_P99_MS} ms or not converged at ${failing.join(', ')}` : '',
        drops.length ? `sockets dropped at ${drops.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`knee, ${variant}, ${server.name}: ${kneeText}${notes.length ? `; ${notes.join('; ')}` : ''}`);
    }
  }
  return lines;
}

export interface MemoryCheck {
  server: Server;
  baseline: TreeSample;
  peakRssBytes: number;
  /** Sampled when the server's last row ended, and again after the idle spell. */
  idleStart: TreeSample;
  afterIdle: TreeSample;
  /** The serving isolate's JS heap after a full collection, bytes, before any room and after the idle spell (null: not read). */
  heap: { before: number | null; after: number | null };
}

/**
 * The processes that hold rooms: workerd for CodeSync (wrangler dev runs two, its proxy
 * and the worker), the one Node process for the reference. The Node hosts beside
 * workerd hold no room, and their own RSS moves either way, hiding what workerd kept.
 */
const serving = (server: Server, sample: TreeSample) =>
  sample.processes.filter((p) => server.id === 'ref' || p.comm === 'workerd').reduce((n, p) => n + p.rssBytes, 0);

const CLOSE_NAMES: Record<string, string> = { '4408': 'silent', '4429': 'rate' };

/** Issue 19 item 4: RSS after the load and an idle spell, against the same processes before any load (aim ≤ 1.5×). */
export function memoryTable(checks: MemoryCheck[], idleSeconds: number): string {
  const rows = checks.map((c) => {
    const parts = c.afterIdle.processes
      .map((p) => {
        const before = c.baseline.processes.find((b) => b.pid === p.pid);
        return `${p.comm} ${before ? MiB(before.rssBytes) : '?'}→${MiB(p.rssBytes)}`;
      })
      .join(', ');
    const idleCpu =
      ((c.afterIdle.cpuSeconds - c.idleStart.cpuSeconds) / ((c.afterIdle.at - c.idleStart.at) / 1000)) * 100;
    return {
      server: c.server.name,
      'tree before MiB': MiB(c.baseline.rssBytes),
      'tree peak MiB': MiB(c.peakRssBytes),
      [`tree after ${idleSeconds} s idle MiB`]: MiB(c.afterIdle.rssBytes),
      'tree after/before': `${(c.afterIdle.rssBytes / c.baseline.rssBytes).toFixed(2)}×`,
      'serving after/before': `${(serving(c.server, c.afterIdle) / serving(c.server, c.baseline)).toFixed(2)}×`,
      'CPU % while idle': Math.round(idleCpu),
      'JS heap before→after MiB (after GC)':
        c.heap.before !== null && c.heap.after !== null
          ? `${(c.heap.before / 2 ** 20).toFixed(1)}→${(c.heap.after / 2 ** 20).toFixed(1)} (${(c.heap.after / c.heap.before).toFixed(2)}×)`
          : '–',
      'per process (before→after MiB)': parts,
    };
  });
  return table(rows);
}
