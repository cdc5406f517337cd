/**
 * Every test tier in one run (`npm test`):
 *  - unit:    pure logic in Node
 *  - workerd: the worker and the room Durable Object inside real workerd, with real
 *             D1, R2 and SQLite storage (@cloudflare/vitest-pool-workers)
 *  - e2e:     a real `wrangler dev` and stock Yjs clients over real sockets
 */
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const WORKERD_TEST_SECRET = 'workerd-test-secret-0123456789abcdef0123456789';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'worker/migrations'));
  return {
    test: {
      projects: [
        {
          test: {
            name: 'unit',
            include: ['worker/test/unit/**/*.test.ts', 'web/test/**/*.test.ts'],
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
                },
              },
            }),
          ],
          test: {
            name: 'workerd',
            include: ['worker/test/workerd/**/*.test.ts'],
            // testing/until.ts gives up at 10 s by default, inside this, so a miss names what it waited for.
            testTimeout: 15_000,
            setupFiles: ['worker/test/workerd/applyMigrations.ts'],
          },
        },
        {
          test: {
            name: 'executor',
            include: ['executor/test/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // Sandboxes share 2 cores; more files at once only adds waiting.
            maxWorkers: 2,
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
            // Each file starts its own servers; two at once is what 2 cores carry,
            // and they run after the faster tiers (groupOrder) so those fail first.
            maxWorkers: 2,
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
