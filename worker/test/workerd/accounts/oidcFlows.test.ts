/**
 * The browser-bound OIDC flow (accounts/oidc/flows.ts) in real D1: what is stored, that
 * a flow is taken once, that an expired one is refused; and the per-client cap on starts.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { OIDC_FLOW_TTL_MS, OIDC_STARTS_PER_CLIENT } from '../../../src/accounts/limits';
import { flowCookieName, startFlow, takeFlow } from '../../../src/accounts/oidc/flows';
import app from '../../../src/index';
import { BASE } from '../support';
import { account, errorOf } from './support';

const cookieOf = (setCookie: string) => setCookie.split(';')[0] as string;

describe('OIDC flows', () => {
  it('[OIDC2] D1 keeps only the flow token’s hash; state, nonce and verifier are derived from the token and differ', async () => {
    const { cookie, secrets } = await startFlow(env, { linkAccountId: null });
    const token = cookieOf(cookie).split('=')[1] as string;
    expect(cookieOf(cookie).startsWith(`${flowCookieName(env)}=`)).toBe(true);
    const rows = JSON.stringify((await env.DB.prepare('SELECT * FROM oidc_flows').all()).results);
    for (const secret of [token, secrets.state, secrets.nonce, secrets.codeVerifier])
      expect(rows).not.toContain(secret);
    expect(new Set(Object.values(secrets)).size).toBe(3);
    const taken = await takeFlow(env, cookieOf(cookie));
    expect(taken).toEqual({ ok: true, secrets, linkAccountId: null });
  });

  it('[OIDC4] a flow is taken once; an expired one, a malformed cookie and no cookie are refused', async () => {
    const { cookie } = await startFlow(env, { linkAccountId: null });
    expect((await takeFlow(env, cookieOf(cookie))).ok).toBe(true);
    expect(await takeFlow(env, cookieOf(cookie))).toEqual({ ok: false, reason: 'unknown_or_used' });

    const long = await startFlow(env, { linkAccountId: null }, Date.now() - OIDC_FLOW_TTL_MS - 1);
    expect(await takeFlow(env, cookieOf(long.cookie))).toEqual({ ok: false, reason: 'expired' });

    expect(await takeFlow(env, `${flowCookieName(env)}=not-a-token`)).toEqual({ ok: false, reason: 'no_cookie' });
    expect(await takeFlow(env, undefined)).toEqual({ ok: false, reason: 'no_cookie' });
  });

  it('[OIDC14] one client starts at most OIDC_STARTS_PER_CLIENT sign-ins a window; the next is 429 with Retry-After', async () => {
    const vars = { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'codesync', OIDC_CLIENT_SECRET: 'secret' };
    const start = async () => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${BASE}/api/auth/oidc/start`, { headers: { 'cf-connecting-ip': '127.77.0.9' } }),
        { ...env, ...vars },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    // The issuer does not answer here (502), but each start still counts.
    for (let i = 0; i < OIDC_STARTS_PER_CLIENT; i++) expect((await start()).status).toBe(502);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/Too many sign-ins with the identity provider from your network/);
  });
  it('[ACCT7] another site cannot start a link for the signed-in account (a cross-site navigation to start?link=1 is 403 cross_site)', async () => {
    const vars = { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'codesync', OIDC_CLIENT_SECRET: 'secret' };
    const { cookie } = await account();
    const start = async (site: string | null) => {
      const headers = new Headers({ cookie, 'cf-connecting-ip': '127.77.0.10' });
      if (site) headers.set('sec-fetch-site', site);
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${BASE}/api/auth/oidc/start?link=1`, { headers }),
        { ...env, ...vars },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    for (const site of ['cross-site', 'same-site']) {
      const res = await start(site);
      expect(res.status, site).toBe(403);
      expect((await errorOf(res)).code).toBe('cross_site');
    }
    // The app's own "Link" button (a same-origin navigation), a typed address or a script: past the check
    // (to the issuer, which does not answer here).
    for (const site of ['same-origin', 'none', null]) expect((await start(site)).status, String(site)).toBe(502);
  });
});
