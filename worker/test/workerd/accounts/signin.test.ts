/**
 * Email + password accounts through the real worker and D1: sign-up, sign-in, who is
 * signed in, and the answers that must not tell which emails have an account.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../src/accounts/oidc/identities';
import app from '../../../src/index';
import { BASE } from '../support';
import { account, authApi, errorOf, freshEmail, me, SESSION_COOKIE, setCookie, signIn, signUp } from './support';

const accountRow = (email: string) =>
  env.DB.prepare('SELECT id, name, password_hash FROM accounts WHERE email = ?')
    .bind(email)
    .first<{ id: string; name: string; password_hash: string }>();

describe('sign-up and sign-in', () => {
  it('[ACCT1] sign-up stores a salted scrypt hash, never the password, and signs nobody in', async () => {
    const email = freshEmail();
    const res = await signUp(` ${email.toUpperCase()} `, 'correct horse battery', 'Ada Lovelace');
    expect(res.status).toBe(202);
    expect(res.headers.get('set-cookie')).toBeNull();
    const row = await accountRow(email);
    expect(row?.name).toBe('Ada Lovelace');
    expect(row?.password_hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(row?.password_hash).not.toContain('correct');
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough pw', name: 'A' }, 'email: must be an email address'],
    [{ email: 'a@example.com', password: 'short', name: 'A' }, 'password: must be at least 10 characters'],
    [{ email: 'a@example.com', password: 'x'.repeat(201), name: 'A' }, 'password: must be at most 200 characters'],
    [{ email: 'a@example.com', password: 'long enough pw', name: ' ' }, 'name: is empty'],
    [{ email: 'a@example.com', password: 'long enough pw' }, 'name:'],
    [{ email: `${'a'.repeat(243)}@example.com`, password: 'long enough pw', name: 'A' }, 'email: must be at most 254'],
    [{ email: 'a@example.com', password: 'long enough pw', name: 'n'.repeat(81) }, 'name: must be at most 80'],
  ])('[ACCT1] a sign-up with a bad field is 400 naming it: %j', async (body, words) => {
    const res = await authApi('/signup', body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain(words);
  });

  it('[ACCT1] signing up with a taken email answers exactly as with a free one, and changes nothing', async () => {
    const taken = await account('the first password');
    const before = await accountRow(taken.email);
    const again = await signUp(taken.email, 'an attacker password', 'Mallory');
    const fresh = await signUp(freshEmail(), 'an attacker password', 'Mallory');
    expect(again.status).toBe(fresh.status);
    const [a, b] = [(await again.json()) as { message: string }, (await fresh.json()) as { message: string }];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(a.message.replace(taken.email, 'EMAIL')).toBe(b.message.replace(/\S+@example\.com/, 'EMAIL'));
    expect(await accountRow(taken.email)).toEqual(before);
    await expect(signIn(taken.email, 'an attacker password')).rejects.toThrow('401');
    expect(await signIn(taken.email, 'the first password')).toContain(SESSION_COOKIE);
  });

  it('[ACCT12] a name loses its control and text-direction characters; one made only of them is 400 naming `name`', async () => {
    const email = freshEmail();
    expect((await signUp(email, 'correct horse battery', 'Ada\u202enimda\u0007\u2068')).status).toBe(202);
    expect((await accountRow(email))?.name).toBe('Adanimda');
    const res = await signUp(freshEmail(), 'correct horse battery', '\u202e\u0000\u200f');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^name: /);
    // An issuer's name is cleaned the same way (OIDC11 cuts it after).
    const named = identityOf('https://issuer.codesync.test', { sub: 's', name: '\u202eEve\u0000' });
    expect(named.name).toBe('Eve');
  });

  it('[ACCT2] sign-in sets an HttpOnly, SameSite=Lax session cookie and /me names the account', async () => {
    const email = freshEmail();
    await signUp(email, 'correct horse battery', 'Grace');
    const res = await authApi('/signin', { email: email.toUpperCase(), password: 'correct horse battery' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^codesync_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const body = (await res.json()) as { account: { id: string; email: string; name: string } };
    expect(body.account).toEqual({ id: expect.any(String), email, name: 'Grace' });
    const who = await me(setCookie(res) ?? '');
    expect(who.status).toBe(200);
    expect(await who.json()).toEqual({ account: body.account });
    // The token is stored only as its hash.
    const token = (setCookie(res) ?? '').split('=')[1] ?? '';
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?')
      .bind(token)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('[ACCT2] a wrong password and an unknown email get the same 401, word for word, and no cookie', async () => {
    const { email } = await account();
    const wrong = await authApi('/signin', { email, password: 'not the password' });
    const unknown = await authApi('/signin', { email: freshEmail('nobody'), password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual(b);
    expect(a.code).toBe('bad_credentials');
    expect(a.message).toMatch(/email and password do not match/);
  });

  it('[ACCT2] /me without a session is 401 not_signed_in, in words', async () => {
    const res = await authApi('/me', undefined, {}, 'GET');
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'not_signed_in', message: expect.stringContaining('Sign in') });
  });

  it('[ACCT3] a hash with older parameters still signs in, and is replaced by one at today’s cost', async () => {
    const { email, password } = await account();
    const { hashPassword } = await import('../../../src/accounts/password');
    const old = hashPassword(password, { ln: 11, r: 8, p: 1 });
    await env.DB.prepare('UPDATE accounts SET password_hash = ? WHERE email = ?').bind(old, email).run();
    await signIn(email, password);
    expect((await accountRow(email))?.password_hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    await signIn(email, password);
  });

  it('[ACCT3] without PASSWORD_KDF_LN new hashes cost N=2^15; a bad value refuses to hash and names the variable', async () => {
    const signUpWith = async (vars: Record<string, string | undefined>) => {
      const ctx = createExecutionContext();
      const email = freshEmail();
      const res = await app.fetch(
        new Request(`${BASE}/api/auth/signup`, {
          method: 'POST',
          body: JSON.stringify({ email, password: 'correct horse battery', name: 'Ada' }),
          headers: { origin: BASE, 'cf-connecting-ip': `127.8.0.${1 + Math.floor(Math.random() * 250)}` },
        }),
        { ...env, ...vars },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return { res, row: await accountRow(email) };
    };
    const standard = await signUpWith({ PASSWORD_KDF_LN: undefined });
    expect(standard.res.status).toBe(202);
    expect(standard.row?.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    const bad = await signUpWith({ PASSWORD_KDF_LN: '40' });
    expect(bad.res.status).toBe(500);
    expect((await errorOf(bad.res)).message).toContain('PASSWORD_KDF_LN');
    expect(bad.row).toBeNull();
  });
});
