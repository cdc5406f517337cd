/**
 * Cross-site request forgery: another site's page can make a browser POST with the
 * session cookie (SameSite=Lax lets a top-level form through); it must change nothing.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { account, authApi, errorOf, freshEmail, me } from './support';

const count = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n ?? -1;

describe('cross-site requests', () => {
  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }, 'https://evil.example'],
    ['a look-alike origin', { origin: 'http://codesync.test.evil.example' }, 'codesync.test.evil.example'],
    [
      'no Origin and Sec-Fetch-Site: cross-site',
      { origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
      'cross-site',
    ],
    [
      'no Origin and Sec-Fetch-Site: same-site',
      { origin: null, headers: { 'sec-fetch-site': 'same-site' } },
      'same-site',
    ],
    ['Origin: null and no Sec-Fetch-Site', { origin: 'null' }, 'does not say where it came from'],
    ['neither header', { origin: null }, 'does not say where it came from'],
  ])('[ACCT7] a signed-in POST with %s is 403 cross_site and changes nothing', async (_what, ask, words) => {
    const { cookie } = await account();
    const sessions = await count('SELECT COUNT(*) AS n FROM sessions');
    for (const path of ['/signout', '/signout-everywhere', '/password']) {
      const res = await authApi(
        path,
        { current: 'correct horse battery', next: 'evil new password' },
        { ...ask, cookie },
      );
      expect(res.status).toBe(403);
      const error = await errorOf(res);
      expect(error.code).toBe('cross_site');
      expect(error.message).toContain(words);
    }
    expect(await count('SELECT COUNT(*) AS n FROM sessions')).toBe(sessions);
    expect((await me(cookie)).status).toBe(200);
  });

  it('[ACCT7] a cross-site sign-in or sign-up is refused too (no signing a victim into another account)', async () => {
    const { email, password } = await account();
    const signin = await authApi('/signin', { email, password }, { origin: 'https://evil.example' });
    expect(signin.status).toBe(403);
    expect(signin.headers.get('set-cookie')).toBeNull();
    const fresh = freshEmail();
    const signup = await authApi('/signup', { email: fresh, password, name: 'x' }, { origin: 'https://evil.example' });
    expect(signup.status).toBe(403);
    expect(await count('SELECT COUNT(*) AS n FROM accounts WHERE email = ?', fresh)).toBe(0);
  });

  it('[ACCT7] the app’s own origin, or Sec-Fetch-Site: same-origin without an Origin, passes', async () => {
    const a = await account();
    expect((await authApi('/signout', {}, { cookie: a.cookie })).status).toBe(200);
    const b = await account();
    const res = await authApi(
      '/signout',
      {},
      { cookie: b.cookie, origin: null, headers: { 'sec-fetch-site': 'same-origin' } },
    );
    expect(res.status).toBe(200);
    expect((await me(b.cookie)).status).toBe(401);
  });
});
