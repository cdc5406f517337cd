#!/usr/bin/env node
// `npm test`: lint and format check, typecheck, then every test tier (vitest.config.ts).
// Extra arguments go to vitest, e.g. `npm test -- --project unit`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureDependencies, ensureDeployDependencies } from './lib/deps.mjs';
import { dockerAnswers, ensureImages } from './lib/executor.mjs';
import { ROOT, WRANGLER_ENV } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

ensureDependencies();
ensureDeployDependencies();
if (!dockerAnswers()) {
  console.error(
    'The executor tests need a Docker engine: install it (`apt-get install -y docker.io`) and start `dockerd`.',
  );
  process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error("The browser tests drive Debian's Chromium: install it with `apt-get install -y chromium`.");
  process.exit(1);
}
await ensureImages();
buildWeb(); // the worker serves it; the browser tests load it

const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
const steps = [
  ['lint and format (biome)', bin('biome'), ['check', '.']],
  ['typecheck (worker)', bin('tsc'), ['-p', 'worker', '--noEmit']],
  ['typecheck (executor)', bin('tsc'), ['-p', 'executor', '--noEmit']],
  ['typecheck (web)', bin('tsc'), ['-p', 'web', '--noEmit']],
  ['typecheck (tests, benchmarks)', bin('tsc'), ['-p', '.', '--noEmit']],
  ['typecheck (deploy, local cluster test)', bin('tsc'), ['-p', 'deploy', '--noEmit']],
  ['tests (vitest)', bin('vitest'), ['run', ...process.argv.slice(2)]],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...WRANGLER_ENV } });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}
