/**
 * Adversarial suite, issue #10 hole 13 (executor): nothing is parsed before the
 * signature checks out, and the operator's pages are closed in production config.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../helper';

describe('bodies before auth (hole 13)', () => {
  const app = useApp();
  const bodies = [
    { what: 'a 2 MB body that is not JSON', payload: `{"x":"${'a'.repeat(2 * 1024 * 1024)}` },
    { what: 'a deeply nested body', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  ];
  for (const { what, payload } of bodies)
    it(`[SEC-BODY1] hole 13: ${what}, unsigned, is refused as unsigned (401) before it is parsed`, async () => {
      const res = await app().inject({
        method: 'POST',
        url: '/v1/jobs',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(401);
    });
});

describe('operator pages in production config (hole 13)', () => {
  const app = useApp({ EXECUTOR_ENV: 'production', EXECUTOR_METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
  it('[SEC-OPS1] hole 13: /docs is not served in production', async () => {
    expect((await app().inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
    expect((await app().inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
  });
  it('[SEC-OPS1] hole 13: /metrics needs the metrics token in production', async () => {
    expect((await app().inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = { authorization: 'Bearer nope' };
    expect((await app().inject({ method: 'GET', url: '/metrics', headers: wrong })).statusCode).toBe(401);
    const right = { authorization: 'Bearer metrics-token-0123456789abcdef' };
    expect((await app().inject({ method: 'GET', url: '/metrics', headers: right })).statusCode).toBe(200);
  });
});
