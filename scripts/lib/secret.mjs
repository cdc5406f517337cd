// The secret the worker and the executor share to sign requests both ways.
// `EXECUTOR_SECRET` from the environment wins; otherwise one is generated once into
// .dev.vars (git-ignored; wrangler dev reads it for the worker).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.mjs';

const DEV_VARS = path.join(ROOT, '.dev.vars');

export function devSecret() {
  const existing = existsSync(DEV_VARS)
    ? /^EXECUTOR_SECRET=(\S+)$/m.exec(readFileSync(DEV_VARS, 'utf8'))?.[1]
    : undefined;
  const secret = process.env.EXECUTOR_SECRET ?? existing ?? randomBytes(32).toString('hex');
  if (secret !== existing) {
    writeFileSync(DEV_VARS, `EXECUTOR_SECRET=${secret}\n`, { mode: 0o600 });
  }
  return secret;
}
