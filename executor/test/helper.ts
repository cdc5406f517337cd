/**
 * Builds the executor app for a test, against the real Docker engine, with its own
 * owner label (test files run in parallel and must not remove each other's sandboxes).
 * EXECUTOR_RUNTIME comes from the test project (vitest.config.ts): the hostile-program
 * files run once under runc and once under runsc.
 */
import Docker from 'dockerode';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { signedHeaders } from '../src/api';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { chooseRuntime, type SandboxConfig, sandboxConfig } from '../src/sandbox/runtime';

export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/**
 * Under gVisor (project executor-runsc): where Debian's 2022 runsc differs from runc and
 * a test says so, with why (docs/SANDBOX.md, "Under Debian's runsc").
 */
export const UNDER_GVISOR = process.env.EXECUTOR_RUNTIME === 'runsc';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    EXECUTOR_SECRET: SECRET,
    EXECUTOR_OWNER: `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    EXECUTOR_POOL_SIZE: '1',
    // Python warm only: a file's other languages start their sandboxes per job, instead of
    // every test app starting (and removing) one warm sandbox for each of 21 languages.
    EXECUTOR_POOL_LANGUAGES: 'python',
    EXECUTOR_CONCURRENCY: '2',
    EXECUTOR_RUNTIME: process.env.EXECUTOR_RUNTIME,
    ...overrides,
  });
}

/** A config for `createSandbox` called directly, with the runtime chosen as at boot. */
export async function testSandboxConfig(overrides: Record<string, string> = {}): Promise<SandboxConfig> {
  const config = testConfig(overrides);
  return sandboxConfig(config, (await chooseRuntime(new Docker(), config.runtime, config.env)).name);
}

/** An app for the whole file, closed (sandboxes removed) after it. */
export function useApp(overrides: Record<string, string> = {}): () => FastifyInstance {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig(overrides));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  }, 60_000);
  return () => app;
}

export async function signedJob(app: FastifyInstance, job: object, query = '?wait=true') {
  const body = JSON.stringify(job);
  return app.inject({
    method: 'POST',
    url: `/v1/jobs${query}`,
    headers: await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: `/v1/jobs${query}`, body }),
    payload: body,
  });
}

export async function run(app: FastifyInstance, job: object) {
  const res = await signedJob(app, job);
  if (res.statusCode !== 200) throw new Error(`job refused: ${res.statusCode} ${res.body}`);
  return res.json() as import('../src/api').JobResult;
}
