/**
 * Configuration, read from the environment once at boot. A bad value stops the
 * process with a message naming the variable and what it takes.
 */
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGE_IDS, type LanguageId } from './languages';
import {
  CEILINGS,
  DEFAULT_LIMITS,
  DEFAULT_MAXIMA,
  DEFAULT_PACKAGES_CACHE_MB,
  FLOORS,
  MAX_PACKAGE_INSTALL_MS,
  MAX_PACKAGES_CACHE_MB,
  MAX_PACKAGES_KB,
  TERMINAL_HARD_MS,
  TERMINAL_IDLE_MS,
} from './limits';

/** A comma-separated variable's items, trimmed, empty ones dropped. */
const commaList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  EXECUTOR_HOST: z.string().default('127.0.0.1'),
  /** production: no /docs, and /metrics only with EXECUTOR_METRICS_TOKEN (required then). */
  EXECUTOR_ENV: z.enum(['development', 'production']).default('development'),
  EXECUTOR_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  EXECUTOR_PORT: int(1, 65535, 8788),
  EXECUTOR_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  EXECUTOR_MAX_TIME_MS: int(FLOORS.timeMs, CEILINGS.timeMs, DEFAULT_MAXIMA.timeMs),
  EXECUTOR_MAX_MEMORY_MB: int(FLOORS.memoryMb, CEILINGS.memoryMb, DEFAULT_MAXIMA.memoryMb),
  EXECUTOR_MAX_OUTPUT_KB: int(FLOORS.outputKb, CEILINGS.outputKb, DEFAULT_MAXIMA.outputKb),
  EXECUTOR_POOL_SIZE: int(0, 32, 1),
  /**
   * The languages that keep pre-started sandboxes (comma-separated ids); unset: every
   * language with an image. Any other language still runs, starting its sandbox per job:
   * a node that mostly sees a few languages (or a test that uses one) need not hold, start
   * and remove a warm container for all of them.
   */
  EXECUTOR_POOL_LANGUAGES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return null;
      const ids = commaList(value);
      if (ids.length === 0) {
        // A template's unset variable must not quietly empty the pool.
        ctx.addIssue({
          code: 'custom',
          message:
            'names no language: leave it unset to keep every language warm, or set EXECUTOR_POOL_SIZE=0 for none',
        });
        return z.NEVER;
      }
      const unknown = ids.filter((id) => !(LANGUAGE_IDS as string[]).includes(id));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `${unknown.join(', ')}: not a language id; known: ${LANGUAGE_IDS.join(', ')}`,
        });
        return z.NEVER;
      }
      return ids as LanguageId[];
    }),
  /**
   * Unset: runsc when Docker lists it, else runc (in production: no boot). sandbox/runtime.ts
   * checks the name at boot.
   */
  EXECUTOR_RUNTIME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'must name a Docker runtime, like runsc or runc')
    .optional(),
  EXECUTOR_CPUS: z.coerce.number().min(0.1).max(16).default(1),
  EXECUTOR_PIDS_LIMIT: int(16, 4096, 128),
  EXECUTOR_TMP_MB: int(8, 1024, 64),
  EXECUTOR_CONCURRENCY: int(1, 256, availableParallelism()),
  /**
   * How many shared terminals may be open (or waiting) at once: each holds one of the
   * EXECUTOR_CONCURRENCY slots for up to TERMINAL_HARD_MS, so at most EXECUTOR_CONCURRENCY − 1,
   * and that by default: runs always keep a slot. With one slot, 0: terminals are off
   * (refused, saying so) rather than able to stop every run for an hour.
   */
  EXECUTOR_TERMINAL_CONCURRENCY: z.coerce.number().int().min(0).max(255).optional(),
  EXECUTOR_MAX_QUEUE: int(0, 100_000, 64),
  EXECUTOR_QUEUE: z.enum(['memory', 'sqs']).default('memory'),
  EXECUTOR_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /**
   * Origins (scheme://host:port, comma-separated) a job's callbackUrl may point at: the
   * worker's PUBLIC_URL. Empty: no callbacks at all. Issue #10 hole 1.
   */
  EXECUTOR_CALLBACK_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const item of commaList(value)) {
        let url: URL | null = null;
        try {
          url = new URL(item);
        } catch {}
        if (!url || !/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin like https://codesync.example.com` });
          return z.NEVER;
        }
        origins.push(url.origin);
      }
      return origins;
    }),
  /**
   * Labels this executor's containers; orphans with the same owner are removed at boot.
   * By default each instance is its own owner (two executors on one Docker host must
   * never remove each other's sandboxes); name one to take over a previous run's.
   */
  EXECUTOR_OWNER: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be 1–40 of a-z, 0-9 and -')
    .optional(),
  // Queue URLs are identifiers to SQS, not always URLs a browser parses (emulators
  // answer hosts like sqs.us-east-1.127.0.0.1), so only their shape is checked.
  SQS_QUEUE_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be the queue URL SQS gave')
    .optional(),
  SQS_ENDPOINT: z.url().optional(),
  SQS_REGION: z.string().default('us-east-1'),
  SQS_VISIBILITY_TIMEOUT_S: int(5, 43_200, 60),
  SQS_MAX_RECEIVES: int(1, 1000, 3),
  /** Where jobs' libraries come from and are cached (packages/cache.ts). */
  EXECUTOR_NPM_REGISTRY: z.url({ protocol: /^https?$/ }).default('https://registry.npmjs.org/'),
  EXECUTOR_PIP_INDEX_URL: z.url({ protocol: /^https?$/ }).default('https://pypi.org/simple/'),
  EXECUTOR_PACKAGES_DIR: z
    .string()
    .refine((dir) => path.isAbsolute(dir), 'must be an absolute path')
    .default(path.join(tmpdir(), 'codesync-packages')),
  EXECUTOR_PACKAGES_MAX_KB: int(1, MAX_PACKAGES_KB, MAX_PACKAGES_KB),
  EXECUTOR_PACKAGES_INSTALL_MS: int(1, MAX_PACKAGE_INSTALL_MS, 60_000),
  EXECUTOR_PACKAGES_CACHE_MB: int(1, MAX_PACKAGES_CACHE_MB, DEFAULT_PACKAGES_CACHE_MB),
  /** A shared terminal's caps (SPEC § 45): shorter values are for tests; the defaults are limits.ts's. */
  EXECUTOR_TERMINAL_IDLE_MS: int(1_000, TERMINAL_HARD_MS, TERMINAL_IDLE_MS),
  EXECUTOR_TERMINAL_HARD_MS: int(1_000, TERMINAL_HARD_MS, TERMINAL_HARD_MS),
});

export interface Config {
  host: string;
  port: number;
  env: 'development' | 'production';
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  secret: string;
  maxima: { timeMs: number; memoryMb: number; outputKb: number };
  defaults: { timeMs: number; memoryMb: number; outputKb: number };
  poolSize: number;
  /** EXECUTOR_POOL_LANGUAGES: the languages kept warm, or null for every one with an image. */
  poolLanguages: LanguageId[] | null;
  /** EXECUTOR_RUNTIME, or null: chosen at boot (sandbox/runtime.ts). */
  runtime: string | null;
  cpus: number;
  pidsLimit: number;
  tmpMb: number;
  concurrency: number;
  /** EXECUTOR_TERMINAL_CONCURRENCY: at most this many terminals at once, fewer than `concurrency` (SPEC TERM14). */
  terminalConcurrency: number;
  /** What the boot should say about this configuration (not wrong, but likely not meant): logged once by buildApp. */
  warnings: string[];
  maxQueue: number;
  queue: 'memory' | 'sqs';
  role: 'all' | 'api' | 'worker';
  owner: string;
  /** Origins a callbackUrl may point at (EXECUTOR_CALLBACK_ORIGINS). */
  callbackOrigins: string[];
  /** Jobs' libraries: registries, the cache's folder, caps on one set and on the whole cache (packages/cache.ts). */
  packages: {
    npmRegistry: string;
    pipIndexUrl: string;
    dir: string;
    maxKb: number;
    installMs: number;
    cacheKb: number;
  };
  /** A shared terminal's idle and hard caps (jobs/terminal.ts). */
  terminal: { idleMs: number; hardMs: number };
  sqs: {
    queueUrl?: string;
    endpoint?: string;
    region: string;
    visibilityTimeoutS: number;
    maxReceives: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid executor configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.EXECUTOR_QUEUE === 'sqs' && !e.SQS_QUEUE_URL) {
    throw new ConfigError('Invalid executor configuration:\n  SQS_QUEUE_URL: required when EXECUTOR_QUEUE=sqs');
  }
  // Per-room fairness in cluster mode rests on FIFO message groups (queue/sqs.ts).
  if (e.EXECUTOR_QUEUE === 'sqs' && !e.SQS_QUEUE_URL?.endsWith('.fifo')) {
    throw new ConfigError(
      'Invalid executor configuration:\n  SQS_QUEUE_URL: must name a FIFO queue (its name ends in .fifo): ' +
        'one room gets at most one job in flight through its message group',
    );
  }
  if (e.EXECUTOR_PACKAGES_CACHE_MB * 1024 < e.EXECUTOR_PACKAGES_MAX_KB) {
    throw new ConfigError(
      'Invalid executor configuration:\n  EXECUTOR_PACKAGES_CACHE_MB: must hold at least one set ' +
        `(EXECUTOR_PACKAGES_MAX_KB is ${e.EXECUTOR_PACKAGES_MAX_KB} KB): raise it or lower EXECUTOR_PACKAGES_MAX_KB`,
    );
  }
  const runSlotsLeft = e.EXECUTOR_CONCURRENCY - 1;
  if (e.EXECUTOR_TERMINAL_CONCURRENCY !== undefined && e.EXECUTOR_TERMINAL_CONCURRENCY > runSlotsLeft) {
    throw new ConfigError(
      `Invalid executor configuration:\n  EXECUTOR_TERMINAL_CONCURRENCY: must be at most ${runSlotsLeft} ` +
        `(EXECUTOR_CONCURRENCY − 1, with EXECUTOR_CONCURRENCY=${e.EXECUTOR_CONCURRENCY}): a terminal holds its slot ` +
        'for up to an hour, and runs must always keep one; lower it or raise EXECUTOR_CONCURRENCY',
    );
  }
  if (e.EXECUTOR_ENV === 'production' && !e.EXECUTOR_METRICS_TOKEN) {
    throw new ConfigError(
      'Invalid executor configuration:\n  EXECUTOR_METRICS_TOKEN: required when EXECUTOR_ENV=production (protects /metrics)',
    );
  }
  const maxima = {
    timeMs: e.EXECUTOR_MAX_TIME_MS,
    memoryMb: e.EXECUTOR_MAX_MEMORY_MB,
    outputKb: e.EXECUTOR_MAX_OUTPUT_KB,
  };
  return {
    host: e.EXECUTOR_HOST,
    port: e.EXECUTOR_PORT,
    env: e.EXECUTOR_ENV,
    metricsToken: e.EXECUTOR_METRICS_TOKEN ?? null,
    secret: e.EXECUTOR_SECRET,
    maxima,
    defaults: {
      timeMs: Math.min(DEFAULT_LIMITS.timeMs, maxima.timeMs),
      memoryMb: Math.min(DEFAULT_LIMITS.memoryMb, maxima.memoryMb),
      outputKb: Math.min(DEFAULT_LIMITS.outputKb, maxima.outputKb),
    },
    poolSize: e.EXECUTOR_POOL_SIZE,
    poolLanguages: e.EXECUTOR_POOL_LANGUAGES,
    runtime: e.EXECUTOR_RUNTIME ?? null,
    cpus: e.EXECUTOR_CPUS,
    pidsLimit: e.EXECUTOR_PIDS_LIMIT,
    tmpMb: e.EXECUTOR_TMP_MB,
    concurrency: e.EXECUTOR_CONCURRENCY,
    terminalConcurrency: e.EXECUTOR_TERMINAL_CONCURRENCY ?? runSlotsLeft,
    warnings:
      e.EXECUTOR_TERMINAL_CONCURRENCY === undefined && runSlotsLeft === 0
        ? [
            // EXECUTOR_CONCURRENCY defaults to the CPUs: on a one-CPU host terminals would be off unsaid.
            `Shared terminals are off: EXECUTOR_CONCURRENCY=${e.EXECUTOR_CONCURRENCY} leaves no slot for them (a terminal ` +
              'holds its slot for up to an hour and runs must always keep one; EXECUTOR_TERMINAL_CONCURRENCY defaults to ' +
              'EXECUTOR_CONCURRENCY − 1). To turn them on, raise EXECUTOR_CONCURRENCY to 2 or more (on a host with the CPUs for it).',
          ]
        : [],
    maxQueue: e.EXECUTOR_MAX_QUEUE,
    queue: e.EXECUTOR_QUEUE,
    role: e.EXECUTOR_ROLE,
    owner: e.EXECUTOR_OWNER ?? instanceOwner(),
    callbackOrigins: e.EXECUTOR_CALLBACK_ORIGINS,
    packages: {
      npmRegistry: e.EXECUTOR_NPM_REGISTRY,
      pipIndexUrl: e.EXECUTOR_PIP_INDEX_URL,
      dir: e.EXECUTOR_PACKAGES_DIR,
      maxKb: e.EXECUTOR_PACKAGES_MAX_KB,
      installMs: e.EXECUTOR_PACKAGES_INSTALL_MS,
      cacheKb: e.EXECUTOR_PACKAGES_CACHE_MB * 1024,
    },
    terminal: { idleMs: e.EXECUTOR_TERMINAL_IDLE_MS, hardMs: e.EXECUTOR_TERMINAL_HARD_MS },
    sqs: {
      queueUrl: e.SQS_QUEUE_URL,
      endpoint: e.SQS_ENDPOINT,
      region: e.SQS_REGION,
      visibilityTimeoutS: e.SQS_VISIBILITY_TIMEOUT_S,
      maxReceives: e.SQS_MAX_RECEIVES,
    },
  };
}

/** An owner name of this instance alone: its pid and a random part. */
export function instanceOwner(): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `executor-${process.pid}-${random}`;
}

/** Why `callbackUrl` may not be called back, or null when its origin is allowed. */
export function callbackProblem(config: Pick<Config, 'callbackOrigins'>, callbackUrl: string): string | null {
  let origin: string;
  try {
    origin = new URL(callbackUrl).origin;
  } catch {
    return 'callbackUrl: not a URL';
  }
  if (config.callbackOrigins.includes(origin)) return null;
  const allowed = config.callbackOrigins.length ? config.callbackOrigins.join(', ') : 'none';
  return `callbackUrl: origin ${origin} is not in EXECUTOR_CALLBACK_ORIGINS (allowed: ${allowed})`;
}
