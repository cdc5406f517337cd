/**
 * The ways into an account (accounts/methods.ts): listed to their owner only, and an
 * identity unlinked by its owner only, never the last way in, even by two unlinks at once.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { linkIdentity, signInAccount } from '../../../src/accounts/oidc/identities';
import { startSession } from '../../../src/accounts/sessions';
import { invite, post, signedIn } from '../ownership/accounts';
import { account, authApi, errorOf, me } from './support';

const ISSUER = 'https://issuer.codesync.test';
const accountId = async (email: string) =>
  (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(email).first<{ id: string }>())?.id ?? '';
const identity = (subject: string) => ({ issuer: ISSUER, subject, email: null, name: 'Ada' });
const methods = (cookie: string) => authApi('/methods', undefined, { cookie }, 'GET');
const unlink = (cookie: string, subject: string, issuer = ISSUER) =>
  authApi('/identities/unlink', { issuer, subject }, { cookie });

/** An account that signs in only through the issuer, signed in: its cookie. */
async function issuerOnlyAccount(subject: string): Promise<{ id: string; cookie: string }> {
  const resolved = await signInAccount(env.DB, identity(subject));
  if (!resolved.ok) throw new Error(resolved.reason);
  const { cookie } = await startSession(env, resolved.accountId);
  return { id: resolved.accountId, cookie: cookie.split(';')[0] ?? '' };
}

describe('sign-in methods', () => {
  it('[OIDC16] an account lists its password and linked identities; unlinking one removes it and the list says so', async () => {
    const { email, cookie } = await account();
    const subject = crypto.randomUUID();
    await linkIdentity(env.DB, identity(subject), await accountId(email));
    const before = await methods(cookie);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ password: true, identities: [{ issuer: ISSUER, subject }] });
    const res = await unlink(cookie, subject);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ password: true, identities: [] });
    // The issuer no longer signs in to this account.
    const row = await env.DB.prepare('SELECT account_id FROM account_identities WHERE issuer = ? AND subject = ?')
      .bind(ISSUER, subject)
      .first();
    expect(row).toBeNull();
  });

  it('[OIDC18] unlinking an identity ends the account’s other sessions (one may have been started through it); this one stays', async () => {
    const { email, cookie } = await account();
    const id = await accountId(email);
    const subject = crypto.randomUUID();
    await linkIdentity(env.DB, identity(subject), id);
    // The session a sign-in through the issuer started, perhaps someone else's.
    const theirs = (await startSession(env, id)).cookie.split(';')[0] ?? '';
    expect((await me(theirs)).status).toBe(200);
    const minted = await invite({ accountId: id, name: 'Ada', cookie: theirs });
    expect((await unlink(cookie, subject)).status).toBe(200);
    expect((await me(theirs)).status).toBe(401);
    expect((await me(cookie)).status).toBe(200);
    // [ACCT11] the invites the account made end with the sessions.
    expect((await post(await signedIn('Eve'), '/api/teams/join', { token: minted })).status).toBe(400);
  });

  it("[OIDC17] another account's identity cannot be unlinked, nor listed: it answers as one that does not exist", async () => {
    const victim = await issuerOnlyAccount(crypto.randomUUID());
    const victimSubject = (
      await env.DB.prepare('SELECT subject FROM account_identities WHERE account_id = ?')
        .bind(victim.id)
        .first<{ subject: string }>()
    )?.subject as string;
    const attacker = await account();
    const res = await unlink(attacker.cookie, victimSubject);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('no_such_identity');
    expect(await (await methods(attacker.cookie)).json()).toEqual({ password: true, identities: [] });
    expect((await (await methods(victim.cookie)).json()) as { identities: unknown[] }).toMatchObject({
      identities: [{ subject: victimSubject }],
    });
  });

  it('[OIDC17] the last way in is never removed, even by two unlinks at once; with a second identity one of them goes', async () => {
    const only = await issuerOnlyAccount(crypto.randomUUID());
    const [first] = ((await (await methods(only.cookie)).json()) as { identities: { subject: string }[] }).identities;
    const refused = await unlink(only.cookie, first?.subject as string);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toMatch(/only way into your account/);
    const second = crypto.randomUUID();
    await linkIdentity(env.DB, identity(second), only.id);
    const answers = await Promise.all([unlink(only.cookie, first?.subject as string), unlink(only.cookie, second)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const left = (await (await methods(only.cookie)).json()) as { password: boolean; identities: unknown[] };
    expect(left).toMatchObject({ password: false });
    expect(left.identities).toHaveLength(1);
  });

  it('[OIDC17] a hostile body names the field; signed out or cross-site is refused before anything is read', async () => {
    const { cookie } = await account();
    const bad = await authApi('/identities/unlink', { issuer: 'not a url', subject: 'x'.repeat(300) }, { cookie });
    expect(bad.status).toBe(400);
    const { message } = await errorOf(bad);
    expect(message).toMatch(/issuer/);
    expect(message).toMatch(/subject/);
    expect((await unlink('', 'x')).status).toBe(401);
    expect(
      (await authApi('/identities/unlink', { issuer: ISSUER, subject: 'x' }, { cookie, origin: 'https://evil.test' }))
        .status,
    ).toBe(403);
    expect((await authApi('/methods', undefined, {}, 'GET')).status).toBe(401);
  });
});
