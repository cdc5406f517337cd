/**
 * The worker's production deploy, checked offline: the `[env.production]` config holds
 * every binding the code needs, and the bundle wrangler builds for it fits the limit.
 * Refusals are checked against copies of wrangler.toml with one thing wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildBundle,
  configProblems,
  MAX_WORKER_GZIP_BYTES,
  readProduction,
  sizeProblems,
} from '../worker/productionCheck';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'codesync-deploy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let bundle: ReturnType<typeof buildBundle> | undefined;

const TOML = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
/** Problems of wrangler.toml with `edit` applied, read from a copy beside the real one's paths. */
function problemsWith(edit: (toml: string) => string): string[] {
  const edited = edit(TOML);
  expect(edited).not.toBe(TOML); // the edit found what it meant to change
  const file = path.join(ROOT, `.wrangler-deploy-test-${process.pid}.toml`);
  writeFileSync(file, edited);
  try {
    return configProblems(readProduction(ROOT, file));
  } finally {
    rmSync(file);
  }
}

describe('worker production deploy (offline)', () => {
  it('[DEP5] the production config has every binding and value the code needs; the bundle builds offline and fits', () => {
    expect(configProblems(readProduction(ROOT))).toEqual([]);
    bundle = buildBundle(ROOT, path.join(scratch, 'bundle'));
    expect(bundle.problems).toEqual([]);
    expect(bundle.gzipBytes).toBeGreaterThan(0);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(MAX_WORKER_GZIP_BYTES);
  }, 120_000);

  it('[DEP5] a production config missing a binding is refused, naming it', () => {
    const noR2 = problemsWith((t) =>
      t.replace(/\[\[env\.production\.r2_buckets\]\]\nbinding = "SNAPSHOTS"\nbucket_name = "[^"]*"\n/, ''),
    );
    expect(noR2).toEqual([expect.stringContaining('SNAPSHOTS: missing from [env.production]')]);
    const noPanel = problemsWith((t) =>
      t.replace(/\[\[env\.production\.durable_objects\.bindings\]\]\nname = "PANEL"\nclass_name = "PanelDO"\n/, ''),
    );
    expect(noPanel).toEqual([expect.stringContaining('PANEL: missing')]);
  });

  it('[DEP5] production refuses anonymous rooms, plain http, a secret among the vars, and no route', () => {
    const production = (edit: (section: string) => string) => (t: string) => {
      const at = t.indexOf('[env.production]');
      return t.slice(0, at) + edit(t.slice(at));
    };
    expect(problemsWith(production((s) => s.replace('REQUIRE_ACCOUNT = "true"', 'REQUIRE_ACCOUNT = "false"')))).toEqual(
      ['REQUIRE_ACCOUNT: must be "true" in production'],
    );
    expect(problemsWith(production((s) => s.replace('PUBLIC_URL = "https://', 'PUBLIC_URL = "http://')))).toEqual([
      'PUBLIC_URL: must be an https:// URL in production',
    ]);
    expect(
      problemsWith(
        production((s) => s.replace('RETENTION_DAYS = "30"', 'RETENTION_DAYS = "30"\nEXECUTOR_SECRET = "x"')),
      ),
    ).toEqual([expect.stringContaining('EXECUTOR_SECRET: is a secret and must not be in [env.production.vars]')]);
    expect(problemsWith(production((s) => s.replace(/^routes = .*\n/m, '')))).toEqual([
      'routes: [env.production] needs a route or custom domain',
    ]);
  });

  it('[DEP5] a bundle over the size limit is refused, with its size', () => {
    const size = bundle?.gzipBytes ?? 0;
    expect(sizeProblems(size, size - 1)).toEqual([
      `bundle: ${size} bytes gzipped, over the ${size - 1}-byte limit (load less code up front)`,
    ]);
    expect(sizeProblems(size, size)).toEqual([]);
  });
});
