#!/usr/bin/env node
// `npm run dev`: the whole product locally.
//   worker + web  http://127.0.0.1:8787  (local D1/R2/Durable Object state in .wrangler/state)
//   web, hot      http://127.0.0.1:5173  (Vite with hot reload; /api passes through to 8787)
//   executor      http://127.0.0.1:8788  (sandbox images built on first use)
import { ensureDependencies } from './lib/deps.mjs';
import { dockerAnswers, ensureImages, startExecutor } from './lib/executor.mjs';
import { applyMigrations, startWrangler } from './lib/processes.mjs';
import { devSecret } from './lib/secret.mjs';
import { buildWeb, serveWebWithHotReload } from './lib/web.mjs';

ensureDependencies();
applyMigrations();
const secret = devSecret();

const servers = [];
const stopAll = async (code = 0) => {
  await Promise.all(servers.map((server) => server.stop()));
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  if (dockerAnswers()) {
    ensureImages();
    const env = { EXECUTOR_CALLBACK_ORIGINS: 'http://127.0.0.1:8787' }; // the worker's PUBLIC_URL
    servers.push(await startExecutor({ port: 8788, secret, env, stdio: 'inherit' }));
  } else {
    console.warn(
      'No Docker engine answers, so code will not run: install Docker and start it, then restart `npm run dev`.',
    );
  }
  buildWeb();
  // The secret reaches wrangler in a private vars file (startWrangler), never on its command line.
  servers.push(await startWrangler({ port: 8787, vars: { EXECUTOR_SECRET: secret }, stdio: 'inherit' }));
  servers.push(await serveWebWithHotReload());
  console.log('\nCodeSync is running: http://127.0.0.1:8787  (executor on :8788; Ctrl-C stops everything)');
  console.log('Editing web/? http://127.0.0.1:5173 serves the same app with hot reload.');
} catch (error) {
  console.error(error.message);
  await stopAll(1);
}
