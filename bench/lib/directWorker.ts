/**
 * The same worker bundle that `wrangler deploy` would upload, served by one workerd
 * through Miniflare with no dev proxy in front. `wrangler dev` puts a second workerd
 * (its proxy) in every request and WebSocket frame path; production has no such hop,
 * so the benchmark reports both.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { ROOT, WRANGLER_ENV } from '../../scripts/lib/processes.mjs';

export async function startDirectWorker(
  outdir: string,
  port: number,
  /** Vars beside the defaults below (the load bench trusts CF-Connecting-IP to key its many rooms apart). */
  vars: Record<string, string> = {},
): Promise<{ url: string; dispose(): Promise<void> }> {
  const build = spawnSync(path.join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: { ...process.env, ...WRANGLER_ENV },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`bundling the worker failed:\n${build.stdout}\n${build.stderr}`);
  const options = (listenOn: number) => ({
    modules: true,
    scriptPath: path.join(outdir, 'index.js'),
    modulesRoot: outdir,
    compatibilityDate: '2026-04-26',
    durableObjects: { ROOM: { className: 'RoomDO', useSQLite: true } },
    d1Databases: { DB: 'codesync' },
    // On disk, so that the migrations below are in place before the served instance listens.
    d1Persist: path.join(outdir, 'd1'),
    r2Buckets: ['SNAPSHOTS'],
    bindings: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      EXECUTOR_URL: 'http://127.0.0.1:9',
      EXECUTOR_SECRET: 'unused',
      ...vars,
    },
    host: '127.0.0.1',
    port: listenOn,
    // DIRECT_INSPECTOR_PORT: workerd's V8 inspector on the served instance, for a CPU profile under load.
    ...(listenOn && process.env.DIRECT_INSPECTOR_PORT
      ? { inspectorPort: Number(process.env.DIRECT_INSPECTOR_PORT) }
      : {}),
  });
  // An instance of its own on a spare port applies the migrations: the served one answers
  // its health check only once every table exists (a request racing them got a 500).
  const setup = new Miniflare(options(0));
  await setup.ready;
  await applyMigrations(await setup.getD1Database('DB'));
  await setup.dispose();
  const mf = new Miniflare(options(port));
  const url = await mf.ready;
  return { url: url.origin, dispose: () => mf.dispose() };
}

/** Every D1 migration, in order, as wrangler applies them for `wrangler dev`. */
async function applyMigrations(db: Awaited<ReturnType<Miniflare['getD1Database']>>): Promise<void> {
  const dir = path.join(ROOT, 'worker/migrations');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const migration = readFileSync(path.join(dir, file), 'utf8');
    // Comments first: they may hold a ';'.
    for (const statement of migration
      .replace(/--.*$/gm, '')
      .split(';')
      .map((s) => s.trim())) {
      if (statement) await db.prepare(statement).run();
    }
  }
}
