/**
 * `npm run deploy`: the worker to production. Checks the production config, builds the
 * web app, applies the D1 migrations to the remote database, then `wrangler deploy`.
 * `npm run deploy -- --check` does only what needs no network (what `npm test` does).
 * Needs `npx wrangler login` (or CLOUDFLARE_API_TOKEN) and the secrets set first
 * (docs/DEPLOY.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle, configProblems, placeholderProblems, readProduction, WRANGLER_OFFLINE } from './productionCheck';

const ROOT = path.resolve(import.meta.dirname, '../..');
const checkOnly = process.argv.includes('--check');

function run(what: string, command: string, args: string[]): void {
  console.log(`\n▶ ${what}`);
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...WRANGLER_OFFLINE },
  });
  if (result.status !== 0) {
    console.error(`✖ ${what} failed (exit ${result.status ?? result.signal}); nothing after it ran.`);
    process.exit(result.status ?? 1);
  }
}

const problems = [...configProblems(readProduction(ROOT)), ...(checkOnly ? [] : placeholderProblems(ROOT))];
run('build the web app', 'npm', ['run', 'build', '-w', 'web']);
const outdir = mkdtempSync(path.join(tmpdir(), 'codesync-bundle-'));
const bundle = buildBundle(ROOT, outdir);
rmSync(outdir, { recursive: true, force: true });
problems.push(...bundle.problems);
if (problems.length > 0) {
  console.error(`The production deploy is not ready:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Production config complete; bundle ${(bundle.gzipBytes / 1024).toFixed(0)} KiB gzipped.`);
if (checkOnly) process.exit(0);

const wrangler = path.join(ROOT, 'node_modules/.bin/wrangler');
// Migrations first: the new code may read a table the old code never had. Until the
// deploy lands the old code runs on the new schema, so a migration adds (docs/DEPLOY.md).
run('D1 migrations (remote)', wrangler, ['d1', 'migrations', 'apply', 'DB', '--remote', '--env', 'production']);
run('wrangler deploy', wrangler, ['deploy', '--env', 'production']);
