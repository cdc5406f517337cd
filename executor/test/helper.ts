/**
 * Builds the executor app for a test, against the real Docker engine, with its own
 * owner label (test files run in parallel and must not remove each other's sandboxes).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { signedHeaders } from '../src/api';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';

export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    EXECUTOR_SECRET: SECRET,
    EXECUTOR_OWNER: `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    EXECUTOR_POOL_SIZE: '1',
    EXECUTOR_CONCURRENCY: '2',
    ...overrides,
  });
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
