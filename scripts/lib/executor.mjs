// Starting the executor (with its sandbox images) for dev, end-to-end tests and benchmarks.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ALL_LANGUAGES, buildImages } from '../../executor/scripts/images.mjs';
import { ROOT, startProcess } from './processes.mjs';

export function dockerAnswers() {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

/** Builds whatever sandbox image is missing (a first build takes a few minutes). */
export async function ensureImages(languages = ALL_LANGUAGES) {
  await buildImages(languages);
}

/**
 * `tree`: another checkout's executor (a benchmark's baseline), run with its own code and images.
 * @param {{port: number, secret: string, env?: Record<string,string>, stdio?: 'inherit'|'pipe', tree?: string}} options
 */
export function startExecutor({ port, secret, env = {}, stdio = 'pipe', tree = ROOT }) {
  return startProcess({
    name: 'executor',
    cwd: tree,
    command: path.join(tree, 'node_modules/.bin/tsx'),
    args: ['executor/src/server.ts'],
    env: { EXECUTOR_PORT: String(port), EXECUTOR_SECRET: secret, ...env },
    healthUrl: `http://127.0.0.1:${port}/health`,
    stdio,
  });
}
