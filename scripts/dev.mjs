#!/usr/bin/env node
// `npm run dev`: the whole product locally. Worker + web on http://127.0.0.1:8787 with
// local D1/R2/Durable Object state under .wrangler/state.
import { ensureDependencies } from './lib/deps.mjs';
import { applyMigrations, startWrangler } from './lib/processes.mjs';

ensureDependencies();
applyMigrations();

const servers = [];
const stopAll = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

try {
  servers.push(await startWrangler({ port: 8787, stdio: 'inherit' }));
  console.log('\nCodeSync is running: http://127.0.0.1:8787  (Ctrl-C stops it)');
} catch (error) {
  console.error(error.message);
  await stopAll();
}
