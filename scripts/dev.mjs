#!/usr/bin/env node
// `npm run dev`: the whole product locally.
//   worker + web  http://127.0.0.1:8787  (local D1/R2/Durable Object state in .wrangler/state)
//   web, hot      http://127.0.0.1:5173  (Vite with hot reload; /api passes through to the worker)
//   executor      http://127.0.0.1:8788  (sandbox images built on first use)
// Ports: CODESYNC_PORT, EXECUTOR_PORT, CODESYNC_WEB_PORT. A taken port stops it before
// anything starts (exit 1). Its servers end with it however it ends (scripts/lib/reaper.mjs).
import { ensureDependencies } from './lib/deps.mjs';
import { dockerAnswers, ensureImages, startExecutor } from './lib/executor.mjs';
import { applyMigrations, portTaken, reapChildrenWithThisProcess, startWrangler } from './lib/processes.mjs';
import { devSecret } from './lib/secret.mjs';
import { buildWebUnlessFresh, serveWebWithHotReload } from './lib/web.mjs';

function portFrom(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name}=${value} is not a port: give a number from 1 to 65535.`);
    process.exit(2);
  }
  return port;
}

const ports = {
  worker: portFrom('CODESYNC_PORT', 8787),
  executor: portFrom('EXECUTOR_PORT', 8788),
  web: portFrom('CODESYNC_WEB_PORT', 5173),
};
const SERVERS = [
  { key: 'worker', what: 'worker + web', variable: 'CODESYNC_PORT' },
  { key: 'web', what: 'web, hot reload', variable: 'CODESYNC_WEB_PORT' },
  { key: 'executor', what: 'executor', variable: 'EXECUTOR_PORT' },
];

const taken = [];
for (const { key, what, variable } of SERVERS) {
  if (await portTaken(ports[key]))
    taken.push(`  port ${ports[key]} is taken, so the ${what} cannot start (${variable})`);
}
if (taken.length > 0) {
  console.error(`CodeSync did not start; nothing is running:\n${taken.join('\n')}`);
  console.error('Stop whatever holds it (another `npm run dev`?) or choose another port with the variable named.');
  process.exit(1);
}

ensureDependencies();
applyMigrations();
const secret = devSecret();
reapChildrenWithThisProcess();

const servers = [];
let stopping = false;
const stopAll = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  await Promise.all(servers.map((server) => server.stop()));
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));

/** What runs and what does not, and why: printed once everything has started. */
const status = { worker: null, web: null, executor: null };
try {
  if (dockerAnswers()) {
    try {
      await ensureImages();
      // Callbacks may only go to the worker (its PUBLIC_URL).
      // runc unless EXECUTOR_RUNTIME says otherwise: the executor's own default is gVisor where
      // Docker lists it, which costs 2-3x per run on a dev machine (docs/PERFORMANCE.md, "gVisor by default").
      const runtime = process.env.EXECUTOR_RUNTIME || 'runc';
      if (runtime === 'runc')
        console.log(
          "Sandboxes run under runc here, not gVisor (production): a run costs 2-3x under Debian's gVisor " +
            '(python print(1) in a fresh sandbox: 0.5 s runc, 1.3 s runsc; docs/PERFORMANCE.md). EXECUTOR_RUNTIME=runsc for gVisor.',
        );
      const env = { EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${ports.worker}`, EXECUTOR_RUNTIME: runtime };
      servers.push(await startExecutor({ port: ports.executor, secret, env, stdio: 'inherit' }));
      status.executor = { ok: true };
    } catch (error) {
      status.executor = { ok: false, why: `it failed to start (${error.message.split('\n')[0]}): code will not run` };
    }
  } else {
    status.executor = {
      ok: false,
      why: 'no Docker engine answers, so code will not run: install Docker and start it, then restart `npm run dev`',
    };
  }
  buildWebUnlessFresh();
  // The secret reaches wrangler in a private vars file (startWrangler), never on its command line.
  const vars = { EXECUTOR_URL: `http://127.0.0.1:${ports.executor}`, EXECUTOR_SECRET: secret };
  servers.push(await startWrangler({ port: ports.worker, vars, stdio: 'inherit', devtools: true }));
  status.worker = { ok: true };
  servers.push(await serveWebWithHotReload({ port: ports.web, apiPort: ports.worker }));
  status.web = { ok: true };
  console.log(`\n${summary()}\nCtrl-C stops everything.`);
} catch (error) {
  console.error(error.message);
  console.error(summary());
  await stopAll(1);
}

function summary() {
  const lines = SERVERS.map(({ key, what }) => {
    const s = status[key];
    const where = `http://127.0.0.1:${ports[key]}`;
    if (s?.ok) return `  running      ${what.padEnd(16)} ${where}`;
    return `  NOT running  ${what.padEnd(16)} ${s ? s.why : 'not started'}`;
  });
  const all = SERVERS.every(({ key }) => status[key]?.ok);
  return `${all ? 'CodeSync is running:' : 'CodeSync is running in part:'}\n${lines.join('\n')}`;
}
