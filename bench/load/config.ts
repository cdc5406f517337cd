/**
 * What one `npm run bench:load` measures: the load rows, the servers, the variants and
 * the timings, read once from the environment. A bad value stops the bench before any
 * server starts, naming the variable and what it accepts.
 *
 * @example
 * BENCH_ROWS=1x2x5,20x10x5 BENCH_SERVERS=ref BENCH_SECONDS=5 npm run bench:load
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Rooms × clients per room × edits per second per client. */
export interface Row {
  rooms: number;
  clients: number;
  rate: number;
}

/** Which server a measurement ran against; `ref` is the baseline every row is compared with. */
export type ServerId = 'wrangler' | 'direct' | 'ref';
/** Plain edits, or edits each followed by a cursor move as y-codemirror.next sends it. */
export type Variant = 'edits' | 'cursors';

export const SERVER_NAMES: Record<ServerId, string> = {
  wrangler: 'codesync (wrangler dev)',
  direct: 'codesync (workerd, no dev proxy)',
  ref: 'reference (@y/websocket-server)',
};

/** The default rows, lightest first: an interview, a larger room, a panel, then many rooms. */
const DEFAULT_ROWS = '1x2x5,1x10x5,1x50x2,20x10x1,20x10x5';

export const rowName = (row: Row) => `${row.rooms}×${row.clients}×${row.rate}`;

/**
 * Frames the server must send per second: every edit goes to every other client of its
 * room. This (not edits in) is what a room's cost follows (docs/PERFORMANCE.md), so it
 * orders rows when the knee is picked.
 */
export const deliveriesPerSecond = (row: Row) => row.rooms * row.clients * (row.clients - 1) * row.rate;

function parseRow(text: string): Row {
  const match = /^(\d+)[x×](\d+)[x×](\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new Error(`BENCH_ROWS: "${text}" must be rooms x clients x edits/s, e.g. 20x10x5`);
  const row = { rooms: Number(match[1]), clients: Number(match[2]), rate: Number(match[3]) };
  if (row.rooms < 1 || row.clients < 2 || row.rate <= 0) {
    throw new Error(`BENCH_ROWS: "${text}" needs at least 1 room, 2 clients and a rate above 0`);
  }
  return row;
}

function list<T extends string>(name: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${name}: "${item}" is not one of ${allowed.join(', ')}`);
  }
  return items as T[];
}

function number(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}: "${raw}" must be a number ≥ ${min}`);
  return value;
}

export interface Config {
  rows: Row[];
  servers: ServerId[];
  variants: Variant[];
  /** Seconds of editing per row that are measured. */
  seconds: number;
  /**
   * Seconds of editing before them, at the same rate, not counted (reported apart as the
   * warm-up p99): a fresh process compiles its hot paths during the first second.
   */
  warmupSeconds: number;
  /** Seconds a row may take to converge once editing stops before it is reported as not converged. */
  settleSeconds: number;
  /** Seconds of idle after the last row before the memory that came back is read. */
  idleSeconds: number;
  /** Node processes the clients are split over (each room's clients are spread across them). */
  clientProcesses: number;
  /** How often the probe asks each room for a sync step 2. */
  probeIntervalMs: number;
  /**
   * Where CodeSync's servers keep their rooms' storage (D1, R2, each room's SQLite).
   * Default /dev/shm (memory) where there is one: production's storage confirms a write
   * by replicating it, while local workerd calls fsync on the one thread that serves
   * every room, so on a disk this bench measured the machine's disk (docs/PERFORMANCE.md,
   * "Load: where a local disk comes in"). BENCH_STATE_DIR=/var/tmp measures on disk.
   */
  stateDir: string;
  /**
   * BENCH_JS_HEAP=1: also read the serving isolate's JS heap after a full collection,
   * before any room and after the idle spell (bench/lib/jsHeap.ts). Off by default: the
   * heap snapshot that collects leaves the process tens of MiB larger, which the RSS
   * columns of every later row would then count.
   */
  jsHeap: boolean;
}

/** Linux's memory-backed directory. */
const MEMORY_DIR = '/dev/shm';

function stateDir(raw: string | undefined): string {
  if (raw) {
    if (!existsSync(raw)) throw new Error(`BENCH_STATE_DIR: "${raw}" is not a directory; make it or leave it unset`);
    return raw;
  }
  return existsSync(MEMORY_DIR) ? MEMORY_DIR : tmpdir();
}

export function readConfig(): Config {
  const env = process.env;
  return {
    rows: (env.BENCH_ROWS || DEFAULT_ROWS).split(',').map(parseRow),
    servers: list('BENCH_SERVERS', env.BENCH_SERVERS || 'wrangler,direct,ref', ['wrangler', 'direct', 'ref']),
    variants: list('BENCH_VARIANTS', env.BENCH_VARIANTS || 'edits,cursors', ['edits', 'cursors']),
    seconds: number('BENCH_SECONDS', 8, 1),
    warmupSeconds: number('BENCH_WARMUP_S', 2, 0),
    settleSeconds: number('BENCH_SETTLE_S', 15, 1),
    idleSeconds: number('BENCH_IDLE_S', 60, 0),
    clientProcesses: number('BENCH_CLIENT_PROCS', 2, 2),
    probeIntervalMs: number('BENCH_PROBE_MS', 250, 10),
    stateDir: stateDir(env.BENCH_STATE_DIR),
    jsHeap: env.BENCH_JS_HEAP === '1',
  };
}
