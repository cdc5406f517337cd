/**
 * accounts/current.ts as another route uses it (a room created by an account, a
 * dashboard): a state change that a session cookie authenticates is checked for a
 * same-origin request there too, with no code of the route's own.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { currentAccount, requireAccount } from '../../../src/accounts/current';
import type { Env } from '../../../src/env';
import { onError } from '../../../src/errors';
import { BASE } from '../support';
import { account, errorOf } from './support';

// A route as a neighbour would write it: it only asks who is signed in.
const app = new Hono<{ Bindings: Env }>();
app.post('/owned', async (c) => c.json({ owner: (await requireAccount(c)).id }));
app.post('/optional', async (c) => c.json({ owner: (await currentAccount(c))?.id ?? null }));
app.get('/owned', async (c) => c.json({ owner: (await requireAccount(c)).id }));
app.onError(onError);

async function call(method: string, path: string, headers: Record<string, string>) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, { method, headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('the signed-in account of a request', () => {
  it('[ACCT7] a cookie-authenticated POST from another site is 403 in any route that asks for the account', async () => {
    const { cookie } = await account();
    for (const path of ['/owned', '/optional']) {
      const res = await call('POST', path, { cookie, origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('cross_site');
    }
    expect((await call('POST', '/owned', { cookie, origin: BASE })).status).toBe(200);
    // A read is not a state change; a request without a cookie has nothing to forge.
    expect((await call('GET', '/owned', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    expect(await (await call('POST', '/optional', { origin: 'https://evil.example' })).json()).toEqual({ owner: null });
    const anonymous = await call('POST', '/owned', {});
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('not_signed_in');
  });
});
