/**
 * Every test tier in one run (`npm test`):
 *  - unit:    pure logic in Node (the worker's, the web app's, the scripts')
 *  - workerd: the worker and the room Durable Object inside real workerd, with real
 *             D1, R2 and SQLite storage (@cloudflare/vitest-pool-workers)
 *  - e2e:     wrangler's dev server (workerd, scripts/lib/workerServer.mjs) and stock Yjs clients over real sockets
 */
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { configDefaults, defineConfig } from 'vitest/config';

const root = import.meta.dirname;
/** The executor test files whose programs attack the sandbox, and the terminal's shell (a sandbox of its own): they run under runc and under runsc. */
export const HOSTILE_FILES = [
  'executor/test/sandbox.test.ts',
  'executor/test/forgery.test.ts',
  'executor/test/attacks/relay.test.ts',
  'executor/test/attacks/testJobs.test.ts',
  'executor/test/attacks/uids.test.ts',
  'executor/test/terminal.test.ts',
];
/** Files that run under runsc only: every language under gVisor (languages.test.ts is their runc twin). */
export const RUNSC_ONLY_FILES = ['executor/test/runsc/**/*.test.ts'];
const WORKERD_TEST_SECRET = 'workerd-test-secret-0123456789abcdef0123456789';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'worker/migrations'));
  return {
    test: {
      // Vitest's default is the cores less one: on a 2-core machine, one file at a time,
      // which left the unit and workerd tiers (each workerd file boots its own runtime)
      // running on one core. Two at once is what 2 cores carry; more only adds waiting.
      maxWorkers: 2,
      projects: [
        {
          test: {
            name: 'unit',
            include: ['worker/test/unit/**/*.test.ts', 'web/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
            environment: 'node',
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: path.join(root, 'wrangler.toml') },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  EXECUTOR_SECRET: WORKERD_TEST_SECRET,
                  // Nothing listens on the discard port: the executor is unreachable here;
                  // runs against a real executor are in e2e/runs.test.ts.
                  EXECUTOR_URL: 'http://127.0.0.1:9',
                  PUBLIC_URL: 'http://codesync.test',
                  // As in production: the tests give each file its own client address.
                  TRUST_CF_CONNECTING_IP: 'true',
                  // The real KDF at a low cost: the accounts tests sign in hundreds of times (accounts/password.ts).
                  PASSWORD_KDF_LN: '10',
                },
                // The rooms' figures dataset (room/roomFigures.ts): the local simulator takes each point.
                analyticsEngineDatasets: { ROOM_METRICS: { dataset: 'codesync_rooms' } },
              },
            }),
          ],
          test: {
            name: 'workerd',
            include: ['worker/test/workerd/**/*.test.ts'],
            // Every file gets a workerd of its own that loads the worker through Vite, module
            // by module: the packages pre-bundled cut that from ~7 s to ~4 s a file.
            deps: {
              optimizer: {
                ssr: {
                  enabled: true,
                  include: [
                    'yjs',
                    'lib0/encoding',
                    'lib0/decoding',
                    'lib0/diff',
                    'hono',
                    'hono/http-exception',
                    'zod',
                    'jose',
                    'openid-client',
                    'fflate',
                    'y-protocols/sync',
                    'y-protocols/awareness',
                    '@noble/hashes/scrypt.js',
                  ],
                },
              },
            },
            // testing/until.ts gives up at 10 s by default, inside this, so a miss names what it waited for.
            testTimeout: 15_000,
            setupFiles: ['worker/test/workerd/applyMigrations.ts'],
            // A room logs its figures when its last socket closes (room/roomFigures.ts), which may be
            // after a file's last test: written straight to stdout, such a line cannot race the
            // worker's teardown ("Closing rpc while onUserConsoleLog was pending", vitest#11153).
            disableConsoleIntercept: true,
          },
        },
        {
          // The deploy's offline checks: the worker's production bundle, the CDK template.
          test: { name: 'deploy', include: ['deploy/test/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
        },
        {
          test: {
            name: 'executor',
            include: ['executor/test/**/*.test.ts'],
            exclude: [...configDefaults.exclude, ...RUNSC_ONLY_FILES],
            environment: 'node',
            // runc here; the hostile programs run again under gVisor in executor-runsc.
            env: { EXECUTOR_RUNTIME: 'runc' },
            testTimeout: 60_000,
            hookTimeout: 120_000,
            sequence: { groupOrder: 1 },
          },
        },
        {
          test: {
            // The hostile-program files again, under gVisor: every security property holds under both.
            name: 'executor-runsc',
            include: [...HOSTILE_FILES, ...RUNSC_ONLY_FILES],
            environment: 'node',
            env: { EXECUTOR_RUNTIME: 'runsc' },
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // runsc/languages.test.ts runs its languages concurrently: two at a time.
            maxConcurrency: 2,
            sequence: { groupOrder: 1 },
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['e2e/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 90_000,
            // Each file starts its own servers; they run after the faster tiers
            // (groupOrder) so those fail first.
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
