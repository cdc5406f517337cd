/**
 * The offline check of the worker's production deploy: `[env.production]` of
 * wrangler.toml holds every binding the code needs (worker/src/bindings.ts) with the
 * values production must have, and the bundle `wrangler deploy --dry-run` builds fits
 * Cloudflare's size limit. Nothing here reaches the network.
 *
 * @example
 * const problems = configProblems(readProduction(ROOT));
 * const bundle = await buildBundle(ROOT, outdir); // { gzipBytes, problems }
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { unstable_readConfig } from 'wrangler';
import { BINDINGS, PRODUCTION_VARS } from '../../worker/src/bindings';

/**
 * Cloudflare's limit on a Worker's compressed size on the Free plan (Paid allows 10 MiB):
 * staying under it keeps the deploy working on either plan and cold starts short.
 */
export const MAX_WORKER_GZIP_BYTES = 3 * 1024 * 1024;

/** What wrangler resolves for an environment; only the fields the check reads. */
export interface ProductionConfig {
  d1_databases: { binding: string; database_id?: string | undefined }[];
  r2_buckets: { binding: string }[];
  durable_objects: { bindings: { name: string }[] };
  vars: Record<string, unknown>;
  routes?: unknown[] | undefined;
}

export function readProduction(root: string, configPath = path.join(root, 'wrangler.toml')): ProductionConfig {
  return unstable_readConfig({ config: configPath, env: 'production' }) as unknown as ProductionConfig;
}

/** Each problem names the binding or value and what to put in wrangler.toml. */
export function configProblems(config: ProductionConfig): string[] {
  const problems: string[] = [];
  const has = {
    d1: new Set(config.d1_databases.map((d) => d.binding)),
    r2: new Set(config.r2_buckets.map((b) => b.binding)),
    durable_object: new Set(config.durable_objects.bindings.map((b) => b.name)),
    var: new Set(Object.keys(config.vars)),
  };
  for (const [name, source] of Object.entries(BINDINGS)) {
    if (source === 'secret' || source === 'optional') continue;
    if (!has[source].has(name)) {
      problems.push(`${name}: missing from [env.production] (add a ${source} binding named ${name} to wrangler.toml)`);
    }
  }
  for (const [name, source] of Object.entries(BINDINGS)) {
    if (source === 'secret' && name in config.vars) {
      problems.push(`${name}: is a secret and must not be in [env.production.vars]; use \`wrangler secret put\``);
    }
  }
  for (const [name, value] of Object.entries(PRODUCTION_VARS)) {
    if (config.vars[name] !== value) problems.push(`${name}: must be "${value}" in production`);
  }
  for (const name of ['PUBLIC_URL', 'EXECUTOR_URL']) {
    const value = String(config.vars[name] ?? '');
    if (value && !value.startsWith('https://')) problems.push(`${name}: must be an https:// URL in production`);
  }
  if (!config.routes?.length) problems.push('routes: [env.production] needs a route or custom domain');
  return problems;
}

/** Placeholders a real deploy refuses to ship (the offline check allows them). */
export function placeholderProblems(root: string): string[] {
  const text = readFileSync(path.join(root, 'wrangler.toml'), 'utf8');
  const production = text.slice(text.indexOf('[env.production]'));
  const problems: string[] = [];
  if (production.includes('REPLACE_ME'))
    problems.push('database_id: replace REPLACE_ME with the id `wrangler d1 create` printed');
  if (production.includes('example.com'))
    problems.push('routes, PUBLIC_URL, EXECUTOR_URL: replace codesync.example.com with your domain');
  return problems;
}

/** Keeps wrangler off the network and quiet (../shared/TOOLCHAIN.md). */
export const WRANGLER_OFFLINE = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

/** Builds the production bundle offline; its compressed size against the limit. */
export function buildBundle(root: string, outdir: string) {
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--env', 'production', '--outdir', outdir],
    { cwd: root, env: { ...process.env, ...WRANGLER_OFFLINE }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    return { gzipBytes: 0, problems: [`wrangler deploy --dry-run failed:\n${result.stdout}\n${result.stderr}`] };
  }
  const gzipBytes = gzipSync(readFileSync(path.join(outdir, 'index.js'))).byteLength;
  return { gzipBytes, problems: sizeProblems(gzipBytes) };
}

export function sizeProblems(gzipBytes: number, limit = MAX_WORKER_GZIP_BYTES): string[] {
  return gzipBytes > limit
    ? [`bundle: ${gzipBytes} bytes gzipped, over the ${limit}-byte limit (load less code up front)`]
    : [];
}
