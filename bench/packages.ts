/**
 * Libraries on request (SPEC § 33): what a job asking for an npm package costs, first
 * (the install) and then from the cache, beside the same job asking for none (the
 * baseline), on one executor in this process. The registry is verdaccio on loopback.
 *
 *   npm run bench:packages            # N=20 runs per row
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signedHeaders } from '../executor/src/api';
import { buildApp } from '../executor/src/app';
import { loadConfig } from '../executor/src/config';
import { startNpmRegistry } from '../executor/test/support/npmRegistry';
import { summarize, table } from './lib/stats';

const N = Number(process.env.N ?? 20);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const registry = await startNpmRegistry();
await registry.publish('cs-bench', '1.0.0', 'module.exports = (n) => n * 2;\n');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'codesync-bench-packages-'));
const app = await buildApp(
  loadConfig({
    EXECUTOR_SECRET: SECRET,
    EXECUTOR_OWNER: `bench-packages-${process.pid}`,
    EXECUTOR_POOL_SIZE: '1',
    EXECUTOR_NPM_REGISTRY: registry.url,
    EXECUTOR_PACKAGES_DIR: cacheDir,
  }),
);

async function timed(job: object): Promise<number> {
  const body = JSON.stringify(job);
  const url = '/v1/jobs?wait=true';
  const started = performance.now();
  const res = await app.inject({
    method: 'POST',
    url,
    headers: await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: url, body }),
    payload: body,
  });
  const ms = performance.now() - started;
  if (res.json().verdict !== 'ok') throw new Error(`job failed: ${res.body.slice(0, 300)}`);
  return ms;
}

const program = (content: string) => ({ language: 'javascript', files: [{ path: 'main.js', content }] });
const withPackage = { ...program("console.log(require('cs-bench')(21));\n"), packages: ['cs-bench@1.0.0'] };
try {
  const first = await timed(withPackage);
  const rows: Record<string, string | number>[] = [];
  const sample = async (name: string, job: object) => {
    const ms: number[] = [];
    for (let i = 0; i < N; i++) ms.push(await timed(job));
    const s = summarize(ms);
    rows.push({ job: name, n: s.n, 'p50 ms': s.p50, 'p99 ms': s.p99 });
  };
  await sample('baseline: no packages (pooled sandbox)', program('console.log(42);\n'));
  await sample('cs-bench@1.0.0 from the cache (fresh sandbox + bind)', withPackage);
  rows.push({ job: 'cs-bench@1.0.0, first job (npm install)', n: 1, 'p50 ms': first, 'p99 ms': first });
  console.log(table(rows));
  console.log(`installs: ${app.sandbox.packages.installs} (one, then the cache)`);
} finally {
  await app.close();
  await registry.close();
  rmSync(cacheDir, { recursive: true, force: true });
}
