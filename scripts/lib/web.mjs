// Building the web app into web/dist, which the worker serves as static assets.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, startProcess } from './processes.mjs';

const VITE = path.join(ROOT, 'node_modules/.bin/vite');
const CONFIG = ['--config', path.join(ROOT, 'web/vite.config.ts')];

export function buildWeb() {
  const result = spawnSync(VITE, ['build', ...CONFIG, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed (see above)');
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
