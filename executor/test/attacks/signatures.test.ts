/**
 * Adversarial suite, issue #10 hole 10: a captured signature must be good for exactly
 * the one request it was made for — not another job's GET, not another method, and
 * never the other direction (an event the executor signed is not a job).
 */
import { describe, expect, it } from 'vitest';
import { type SignedRequest, type SigningDirection, signedHeaders } from '../../src/api';
import { SECRET, signedJob, useApp } from '../helper';

const app = useApp();
const hello = { language: 'python', files: [{ path: 'main.py', content: 'print(1)' }] };
const body = JSON.stringify(hello);

describe('signatures (hole 10)', () => {
  it('[SEC-SIG1] hole 10: a signed GET for one job does not read another job', async () => {
    const a = (await signedJob(app(), hello, '')).json().id;
    const b = (await signedJob(app(), hello, '')).json().id;
    const forA = await signedHeaders(SECRET, 'to-executor', { method: 'GET', path: `/v1/jobs/${a}`, body: '' });
    expect((await app().inject({ method: 'GET', url: `/v1/jobs/${a}`, headers: forA })).statusCode).toBe(200);
    expect((await app().inject({ method: 'GET', url: `/v1/jobs/${b}`, headers: forA })).statusCode).toBe(401);
  });

  const replays: { what: string; direction: SigningDirection; signed: SignedRequest }[] = [
    {
      what: 'an event signature (executor → worker) replayed as a job',
      direction: 'to-worker',
      signed: { method: 'POST', path: '/v1/jobs', body },
    },
    {
      what: 'a signature made for another path',
      direction: 'to-executor',
      signed: { method: 'POST', path: '/internal/runs/r/events', body },
    },
    {
      what: 'a signature made for another method',
      direction: 'to-executor',
      signed: { method: 'PUT', path: '/v1/jobs', body },
    },
    {
      what: 'a signature without the query it was made for',
      direction: 'to-executor',
      signed: { method: 'POST', path: '/v1/jobs?wait=true', body },
    },
  ];
  for (const { what, direction, signed } of replays)
    it(`[SEC-SIG2] hole 10: ${what} is refused`, async () => {
      const headers = await signedHeaders(SECRET, direction, signed);
      const res = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
      expect(res.statusCode).toBe(401);
    });

  it('[SEC-SIG2] hole 10: the v1 format (timestamp.body, one key both ways) is refused', async () => {
    const { createHmac } = await import('node:crypto');
    const ts = String(Math.floor(Date.now() / 1000));
    const v1 = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
    const headers = {
      'content-type': 'application/json',
      'x-codesync-timestamp': ts,
      'x-codesync-signature': `v1=${v1}`,
    };
    expect((await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body })).statusCode).toBe(401);
  });
});
