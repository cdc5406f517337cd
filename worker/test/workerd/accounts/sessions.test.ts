/**
 * Sessions as an attacker meets them: expired, replayed after sign-out, forged, planted
 * before a sign-in, and left behind on another device after a password change.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sessionOf, startSession } from '../../../src/accounts/sessions';
import { account, authApi, errorOf, me, SESSION_COOKIE, setCookie, signIn } from './support';

const accountId = async (email: string) =>
  (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(email).first<{ id: string }>())?.id ?? '';

const cookieOf = (setCookieHeader: string) => setCookieHeader.split(';')[0] ?? '';

describe('sessions', () => {
  it('[ACCT4] an expired session is refused, though its row is still there', async () => {
    const { email } = await account();
    const id = await accountId(email);
    const live = await startSession(env, id);
    const expired = await startSession(env, id, Date.now() - 31 * 24 * 60 * 60 * 1000);
    expect((await me(cookieOf(live.cookie))).status).toBe(200);
    const res = await me(cookieOf(expired.cookie));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('not_signed_in');
  });

  it('[ACCT4] a cookie replayed after sign-out opens nothing', async () => {
    const { cookie } = await account();
    const out = await authApi('/signout', {}, { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await me(cookie)).status).toBe(401);
    // Nor can the replayed cookie sign out, change the password or end other sessions.
    expect(
      (await authApi('/password', { current: 'correct horse battery', next: 'x'.repeat(12) }, { cookie })).status,
    ).toBe(401);
    expect((await authApi('/signout-everywhere', {}, { cookie })).status).toBe(401);
  });

  it.each([
    ['a random token of the right shape', () => `${SESSION_COOKIE}=${'A'.repeat(43)}`],
    ['a malformed token', () => `${SESSION_COOKIE}=not-a-token`],
    ['the stored hash presented as the token', () => ''],
    ['the __Host- name on http', () => `__Host-${SESSION_COOKIE}=${'B'.repeat(43)}`],
  ])('[ACCT4] a forged cookie (%s) is 401', async (_what, forge) => {
    const { cookie } = await account();
    let forged = forge();
    if (!forged) {
      const token = cookie.split('=')[1] ?? '';
      const hash = (await sessionOf(env, cookie))?.tokenHash ?? '';
      expect(hash).not.toBe(token);
      forged = `${SESSION_COOKIE}=${hash.slice(0, 43)}`;
    }
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('not_signed_in');
  });

  it('[ACCT5] every sign-in starts a new session, and the session the browser presented ends', async () => {
    const { email, password, cookie: planted } = await account();
    const res = await authApi('/signin', { email, password }, { cookie: planted });
    expect(res.status).toBe(200);
    const fresh = setCookie(res) ?? '';
    expect(fresh).not.toBe(planted);
    expect((await me(fresh)).status).toBe(200);
    expect((await me(planted)).status).toBe(401);
    // A sign-in on another device is a session of its own and leaves this one alone.
    const other = await signIn(email, password);
    expect(other).not.toBe(fresh);
    expect((await me(fresh)).status).toBe(200);
  });

  it('[ACCT6] sign out everywhere ends every session of the account, and only its', async () => {
    const a = await account();
    const b = await account();
    const second = await signIn(a.email, a.password);
    const res = await authApi('/signout-everywhere', {}, { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await me(a.cookie)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    expect((await me(b.cookie)).status).toBe(200);
  });

  it('[ACCT6] a password change needs the current password, ends every other session and retires the old password', async () => {
    const { email, password, cookie } = await account('the old password');
    const elsewhere = await signIn(email, password);

    const wrong = await authApi('/password', { current: 'not the password', next: 'the new password' }, { cookie });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toContain('current password is not right');
    expect((await me(elsewhere)).status).toBe(200);

    const short = await authApi('/password', { current: password, next: 'short' }, { cookie });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toContain('next: must be at least 10 characters');

    const res = await authApi('/password', { current: password, next: 'the new password' }, { cookie });
    expect(res.status).toBe(200);
    expect((await me(cookie)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    await expect(signIn(email, password)).rejects.toThrow('401');
    expect(await signIn(email, 'the new password')).toContain(SESSION_COOKIE);
  });
});
