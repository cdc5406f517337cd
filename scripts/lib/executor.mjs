// Starting the executor (with its sandbox images) for dev, end-to-end tests and benchmarks.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ALL_LANGUAGES, buildImages } from '../../executor/scripts/images.mjs';
import { ROOT, startProcess } from './processes.mjs';

export function dockerAnswers() {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

/** Builds whatever sandbox image is missing (a first build takes about two minutes). */
export function ensureImages(languages = ALL_LANGUAGES) {
  buildImages(languages);
}

/**
 * @param {{port: number, secret: string, env?: Record<string,string>, stdio?: 'inherit'|'pipe'}} options
 */
export function startExecutor({ port, secret, env = {}, stdio = 'pipe' }) {
  return startProcess({
    name: 'executor',
    command: path.join(ROOT, 'node_modules/.bin/tsx'),
    args: ['executor/src/server.ts'],
    env: { EXECUTOR_PORT: String(port), EXECUTOR_SECRET: secret, ...env },
    healthUrl: `http://127.0.0.1:${port}/health`,
    stdio,
  });
}
