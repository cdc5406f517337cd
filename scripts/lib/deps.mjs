// Installs the npm dependencies when a fresh clone has none (or the lock file changed
// since the last install), so `npm run dev` and `npm test` work on their own.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.mjs';

export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules/.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // A fresh clone: `npm ci`, exactly what the lock file says (it lists every platform's
  // optional packages, @biomejs/cli-* included), as deploy pipelines and container builds
  // install. A checkout that has installed (a pull or a branch switch changed the lock):
  // `npm install --no-save`, which installs what the lock says too but keeps what is there.
  // `npm ci` deletes node_modules before it fetches anything, so offline it left a
  // checkout with no dependencies at all, and online it reinstalled every package;
  // --no-save never rewrites the lock (npm 11 would drop other platforms' packages from it).
  const args = existsSync(marker) ? ['install', '--no-save'] : ['ci'];
  const command = `npm ${args.join(' ')}`;
  console.log(`Installing dependencies (${command})…`);
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} failed: check that the npm registry is reachable, then run \`${command}\` by hand.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The deploy tooling's own install (deploy/package.json: the AWS CDK, ~190 MB), kept out
 * of the workspaces so `npm run dev` does not need it; `npm test` synthesizes its stack.
 */
export function ensureDeployDependencies() {
  const dir = path.join(ROOT, 'deploy');
  const marker = path.join(dir, 'node_modules/.package-lock.json');
  const lock = path.join(dir, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing the deploy tooling (npm ci in deploy/)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci in deploy/ failed: check that the npm registry is reachable, then run it by hand.');
    process.exit(result.status ?? 1);
  }
}
