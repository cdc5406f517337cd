// Building the web app into web/dist, which the worker serves as static assets.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startProcess } from './processes.mjs';

const VITE = path.join(ROOT, 'node_modules/.bin/vite');
const CONFIG = ['--config', path.join(ROOT, 'web/vite.config.ts')];

export function buildWeb() {
  const result = spawnSync(VITE, ['build', ...CONFIG, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed (see above)');
}

/** What the web app's build reads: its own sources and the worker's and executor's it imports. */
const INPUTS = ['web', 'worker/src', 'executor/src', 'package-lock.json'];
const BUILT = path.join(ROOT, 'web/dist/index.html');

/** The newest modification time under `file` (dist and node_modules left out). */
function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(file)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    latest = Math.max(latest, newest(path.join(file, entry)));
  }
  return latest;
}

/** Whether web/dist was built after every file the build reads last changed. */
export function webIsFresh() {
  if (!existsSync(BUILT)) return false;
  const builtAt = statSync(BUILT).mtimeMs;
  return INPUTS.every((input) => newest(path.join(ROOT, input)) <= builtAt);
}

/**
 * `npm run dev`'s build: none when web/dist is up to date. A build empties web/dist
 * first, so it would pull the app from under any server already serving it (the test
 * suite's browser tests, while its own `npm run dev` test starts), and it costs seconds.
 */
export function buildWebUnlessFresh() {
  if (webIsFresh()) return;
  buildWeb();
}

/** The Vite dev server with hot reload (5173), passing /api through to the worker (8787). */
export function serveWebWithHotReload({ port = 5173, apiPort = 8787 } = {}) {
  return startProcess({
    name: 'vite',
    command: VITE,
    args: [...CONFIG, '--logLevel', 'warn', '--port', String(port), '--strictPort'],
    env: { CODESYNC_API_PORT: String(apiPort) },
    stdio: 'inherit',
    healthUrl: `http://127.0.0.1:${port}/`,
  });
}
