#!/usr/bin/env node
// The worker as the tests and benchmarks serve it: wrangler's own dev server
// (`unstable_startWorker`, what `wrangler dev` runs) with the runtime's inspector off.
// `wrangler dev` always opens the inspector, and its inspector proxy then writes every
// runtime event (each subrequest: a D1 query of every join, R2, the executor) to a debug
// log file, bodies included: 38 MB for one fuzz test, and the fuzzer 28 % slower for it.
// `npm run dev` keeps the CLI and its devtools (startWrangler's `devtools`).
//
// Usage: node scripts/lib/workerServer.mjs <port> <env file> [persist dir]
import { unstable_startWorker } from 'wrangler';

const [port, envFile, persistTo] = process.argv.slice(2);
const worker = await unstable_startWorker({
  config: 'wrangler.toml',
  envFiles: [envFile],
  dev: {
    server: { hostname: '127.0.0.1', port: Number(port) },
    inspector: false,
    ...(persistTo ? { persist: persistTo } : {}),
    logLevel: 'warn',
    watch: false,
    liveReload: false,
  },
});
await worker.ready;

const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
