/**
 * OpenID Connect is configured by three variables, all or none (accounts/oidc/settings.ts):
 * what the worker answers without them, with some, with a bad issuer, and with an issuer
 * that does not answer. The flows themselves run against a real issuer in e2e/oidc*.test.ts.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../../src/index';
import { BASE } from '../support';

async function call(path: string, vars: Record<string, string>): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const configured = {
  OIDC_ISSUER: 'http://127.0.0.1:9',
  OIDC_CLIENT_ID: 'codesync',
  OIDC_CLIENT_SECRET: 'a-client-secret',
};

describe('OIDC configuration', () => {
  it('[OIDC1] without OIDC_* the sign-in page is told there is no provider and the OIDC routes answer 404 oidc_off', async () => {
    const providers = await exports.default.fetch(`${BASE}/api/auth/providers`);
    expect(await providers.json()).toEqual({ oidc: null });
    for (const path of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
      const res = await exports.default.fetch(`${BASE}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('oidc_off');
    }
  });

  it('[OIDC1] configured, the providers answer names the button and where it starts (OIDC_PROVIDER_NAME, else the issuer host)', async () => {
    const named = await call('/api/auth/providers', { ...configured, OIDC_PROVIDER_NAME: 'Cognito' });
    expect(await named.json()).toEqual({ oidc: { name: 'Cognito', start: '/api/auth/oidc/start' } });
    const unnamed = await call('/api/auth/providers', configured);
    expect(await unnamed.json()).toEqual({ oidc: { name: '127.0.0.1', start: '/api/auth/oidc/start' } });
  });

  it.each([
    ['only the issuer', { OIDC_ISSUER: 'https://id.example' }, /set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/],
    ['no secret', { OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'x' }, /set OIDC_CLIENT_SECRET/],
    ['an issuer that is not a URL', { ...configured, OIDC_ISSUER: 'id.example' }, /OIDC_ISSUER is not a URL/],
    [
      'plain http off this machine',
      { ...configured, OIDC_ISSUER: 'http://id.example' },
      /OIDC_ISSUER must be an https URL/,
    ],
  ])('[OIDC1] %s: every OIDC route answers 500 misconfigured naming the variable', async (_what, vars, words) => {
    for (const path of ['/api/auth/providers', '/api/auth/oidc/start']) {
      const res = await call(path, vars);
      expect(res.status).toBe(500);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('misconfigured');
      expect(error.message).toMatch(words);
    }
  });

  it('[OIDC1] an issuer that does not answer its discovery: start says so (502) and records no flow', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM oidc_flows').first<{ n: number }>();
    const res = await call('/api/auth/oidc/start', configured);
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error).toEqual({ code: 'oidc_unreachable', message: '127.0.0.1 could not be reached. Try again shortly.' });
    expect(res.headers.get('set-cookie')).toBeNull();
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM oidc_flows').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});
