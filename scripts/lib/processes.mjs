// Starting and stopping the local servers (wrangler dev, the executor) for dev,
// end-to-end tests and benchmarks. Each server runs in its own process group, so
// stopping it stops everything it started (wrangler leaves workerd running otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');

/** Environment that keeps wrangler off the internet and quiet. */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

/**
 * Ties every server started from now on to this process: a reaper in a session of its
 * own ends their process groups once this process is gone, however it ended (see
 * reaper.mjs). Call once, before starting servers.
 */
export function reapChildrenWithThisProcess() {
  if (reaper) return;
  reaper = spawn(process.execPath, [path.join(ROOT, 'scripts/lib/reaper.mjs')], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  reaper.unref();
  reaper.stdin.on('error', () => {}); // the reaper is gone: nothing left to tell it
}

let reaper = null;

/** Whether something listens on (or holds) 127.0.0.1:`port`. */
export function portTaken(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/**
 * Ports handed out below Linux's ephemeral range (ip_local_port_range, 32768–60999 by
 * default): the kernel picks an outgoing connection's local port from that range, so a
 * port freePort found free there could be taken by one of the hundreds of connections a
 * test run makes before the server bound it (a full run once lost a browser test file to
 * "Address already in use"). Below it, only another freePort collides: two test files
 * running at once each found the same port free and both handed it to a server (a full
 * run lost a file that way too). So each Vitest worker draws from a slice of its own
 * (VITEST_POOL_ID: 1 to maxWorkers among the files running at once; a bench has none),
 * and a process never hands out the same port twice.
 */
const FREE_PORT_LOW = 20_000;
const FREE_PORT_HIGH = 32_000;
const FREE_PORT_SLICES = 4;
const handedOut = new Set();

/** The part of the low range this process draws from. */
function portSlice() {
  const width = Math.floor((FREE_PORT_HIGH - FREE_PORT_LOW) / FREE_PORT_SLICES);
  const id = Number.parseInt(process.env.VITEST_POOL_ID ?? '0', 10);
  const slice = Number.isInteger(id) && id > 0 ? id % FREE_PORT_SLICES : 0;
  return { low: FREE_PORT_LOW + slice * width, width };
}

/** A TCP port that was free a moment ago, outside the ephemeral range when one is. */
export async function freePort() {
  const { low, width } = portSlice();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * width);
    if (handedOut.has(port) || (await portTaken(port))) continue;
    handedOut.add(port);
    return port;
  }
  const port = await anyFreePort();
  handedOut.add(port);
  return port;
}

/** Whatever port the kernel gives: the fallback when the low range is full. */
function anyFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Applies the D1 migrations to the local state under `persistTo` (idempotent); without
 * it, to `wrangler dev`'s own state (npm run dev).
 *
 * A fresh, empty `persistTo` (every test file's and benchmark's server) gets a copy of
 * state migrated once per set of migrations: `wrangler d1 migrations apply` takes
 * 3-6 s, a copy milliseconds.
 */
export function applyMigrations(persistTo) {
  if (!persistTo || (existsSync(persistTo) && readdirSync(persistTo).length > 0)) {
    migrate(persistTo);
    return;
  }
  // In this checkout's own cache, not the shared temp dir: nobody else can plant one.
  const cache = path.join(ROOT, 'node_modules/.cache/codesync');
  const template = path.join(cache, `migrated-${migrationsDigest()}`);
  if (!existsSync(template)) {
    mkdirSync(cache, { recursive: true });
    const building = mkdtempSync(`${template}-building-`);
    try {
      migrate(building);
      // Atomic: a process that finds the template finds it whole.
      renameSync(building, template);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      // Another process made it first (theirs is the same); anything else is a failure.
      if (!existsSync(template)) throw error;
    }
  }
  cpSync(template, persistTo, { recursive: true });
}

/**
 * What the migrated state depends on: the migrations, the D1 binding in wrangler.toml
 * (the database file is named after it) and the wrangler that applies them.
 */
function migrationsDigest() {
  const hash = createHash('sha256');
  const dir = path.join(ROOT, 'worker/migrations');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  hash.update(readFileSync(path.join(ROOT, 'wrangler.toml')));
  hash.update(readFileSync(path.join(ROOT, 'node_modules/wrangler/package.json')));
  return hash.digest('hex').slice(0, 16);
}

function migrate(persistTo) {
  const args = ['d1', 'migrations', 'apply', 'DB', '--local'];
  if (persistTo) args.push('--persist-to', persistTo);
  const result = spawnSync(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, ...WRANGLER_ENV, CI: 'true' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`applying D1 migrations failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts the worker under wrangler and resolves once /health answers. `devtools` (npm run
 * dev): the `wrangler dev` CLI, with its inspector for a developer's devtools; otherwise
 * wrangler's same dev server with the inspector off (workerServer.mjs says why).
 * @param {{port: number, persistTo?: string, vars?: Record<string,string>, stdio?: 'inherit'|'pipe', devtools?: boolean}} options
 */
export async function startWrangler({ port, persistTo, vars = {}, stdio = 'pipe', devtools = false }) {
  // Links and executor callbacks point at this server unless told otherwise.
  const withUrl = { PUBLIC_URL: `http://127.0.0.1:${port}`, ...vars };
  // Vars go in a file only we can read, never on the command line: `ps` shows every
  // process's arguments to every user, and vars carry EXECUTOR_SECRET (issue #10 hole 14).
  const varsDir = mkdtempSync(path.join(tmpdir(), 'codesync-vars-'));
  const envFile = path.join(varsDir, '.env');
  const lines = Object.entries(withUrl).map(([key, value]) => `${key}=${JSON.stringify(String(value))}`);
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  let command = process.execPath;
  let args = [
    path.join(ROOT, 'scripts/lib/workerServer.mjs'),
    String(port),
    envFile,
    ...(persistTo ? [persistTo] : []),
  ];
  if (devtools) {
    command = WRANGLER;
    args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort())];
    args.push('--show-interactive-dev-session=false', '--log-level', stdio === 'inherit' ? 'info' : 'warn');
    if (persistTo) args.push('--persist-to', persistTo);
    args.push('--env-file', envFile);
  }
  try {
    const server = await startProcess({
      name: 'wrangler dev',
      command,
      args,
      env: WRANGLER_ENV,
      healthUrl: `http://127.0.0.1:${port}/health`,
      stdio,
    });
    const stop = server.stop;
    return {
      ...server,
      stop: async (signal) => {
        await stop(signal);
        rmSync(varsDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(varsDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Spawns a server in its own process group and waits for its health URL.
 * @returns {Promise<{pid: number, output: () => string, stop: (signal?: NodeJS.Signals) => Promise<void>}>}
 */
export async function startProcess({
  name,
  command,
  args,
  env = {},
  healthUrl,
  stdio = 'pipe',
  timeoutMs = 60_000,
  cwd = ROOT,
}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  if (reaper) reaper.stdin.write(`${child.pid}\n`);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
  });
  child.stderr?.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let alive = true;
  exited.then(() => {
    alive = false;
  });
  const stop = async (signal = 'SIGTERM') => {
    if (!alive) return;
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error; // already gone is fine
    }
    const timer = setTimeout(() => alive && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  // A process with no health URL (a watcher) is ready once it runs.
  for (; healthUrl; ) {
    if (!alive) throw new Error(`${name} exited before it was ready:\n${output}`);
    try {
      const res = await fetch(healthUrl);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`${name} did not answer ${healthUrl} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid, output: () => output, stop };
}
