/**
 * Reads (or seeds) a test worker's local D1 with `wrangler d1 execute`, for what no route
 * shows: how many accounts a sign-in made, which identities an account has. Async on
 * purpose: a blocked event loop misses the server closing idle keep-alive sockets, and
 * the next fetch on one fails with "other side closed".
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, WRANGLER_ENV } from '../../scripts/lib/processes.mjs';
import type { Worker } from './worker';

const run = promisify(execFile);

export async function d1<Row = Record<string, unknown>>(worker: Worker, sql: string): Promise<Row[]> {
  const { stdout } = await run(
    path.join(ROOT, 'node_modules/.bin/wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', worker.persistTo, '--json', '--command', sql],
    { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  );
  const answers = JSON.parse(stdout) as { results: Row[] }[];
  return answers.flatMap((answer) => answer.results);
}
