/**
 * An issuer's email that a password account already has: refused, never merged; the
 * password account links the issuer itself (SPEC OIDC9, OIDC10, OIDC11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1 } from './support/d1';
import { type OidcStack, startOidcStack } from './support/oidcStack';

let stack: OidcStack;

beforeAll(async () => {
  stack = await startOidcStack(9165);
});

afterAll(async () => {
  await stack?.dispose();
});

async function refusal(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

describe('OIDC and password accounts', () => {
  it('[OIDC9] an issuer email that a password account has is refused with what to do, and no account is made; [OIDC10] the password account then links the issuer and signs in with it', async () => {
    const owner = stack.person();
    await owner.passwordAccount('pat@example.test');
    const passwordAccount = await owner.me();
    expect(passwordAccount?.email).toBe('pat@example.test');
    stack.issuer.users.set('pat-at-issuer', { email: 'Pat@Example.test', email_verified: true, name: 'Pat' });

    const stranger = stack.person();
    const taken = await refusal(await stranger.signIn('pat-at-issuer'));
    expect(taken.status).toBe(409);
    expect(taken.code).toBe('oidc_email_taken');
    expect(taken.message).toBe(
      'An account with this email already signs in with a password. Sign in with your password first, then link Test ID from your account page.',
    );
    expect(await stranger.me()).toBeNull();
    expect(await d1(stack.worker, 'SELECT subject FROM account_identities')).toEqual([]);
    expect(await d1(stack.worker, "SELECT id FROM accounts WHERE email = 'pat@example.test'")).toHaveLength(1);

    // The owner, signed in with the password, links the issuer.
    const linked = await owner.signIn('pat-at-issuer', '?link=1');
    expect(linked.status).toBe(303);
    expect(linked.headers.get('location')).toBe('/dashboard?linked=oidc');
    expect((await owner.me())?.id).toBe(passwordAccount?.id);

    // From now on the issuer signs in to the password account.
    const later = stack.person();
    expect((await later.signIn('pat-at-issuer')).status).toBe(303);
    expect((await later.me())?.id).toBe(passwordAccount?.id);
  });

  it('[OIDC10] linking needs a signed-in account at start and still at the callback, and an identity another account has is refused', async () => {
    const nobody = stack.person();
    const signedOut = await refusal(await nobody.fetch(`${stack.worker.url}/api/auth/oidc/start?link=1`));
    expect(signedOut).toMatchObject({ status: 401, code: 'not_signed_in' });
    expect(signedOut.message).toMatch(/link Test ID/);
    expect((await refusal(await nobody.fetch(`${stack.worker.url}/api/auth/oidc/start?link=yes`))).message).toMatch(
      /^link: must be 1/,
    );

    // Signed out between start and callback: the link is refused, nothing is added.
    const leaver = stack.person();
    await leaver.passwordAccount('leaver@example.test');
    const start = await leaver.start('?link=1');
    expect((await leaver.post('/api/auth/signout', {})).status).toBe(200);
    const gone = await refusal(await leaver.callback(await leaver.authorize(start, 'leaver-at-issuer')));
    expect(gone).toMatchObject({ status: 401, code: 'not_signed_in' });

    // An identity that already signs in to one account cannot be linked to another.
    expect((await stack.person().signIn('quinn')).status).toBe(303);
    const other = stack.person();
    await other.passwordAccount('other@example.test');
    const stolen = await refusal(await other.signIn('quinn', '?link=1'));
    expect(stolen).toMatchObject({ status: 409, code: 'oidc_identity_taken' });
    expect(
      await d1(stack.worker, "SELECT subject FROM account_identities WHERE subject IN ('quinn', 'leaver-at-issuer')"),
    ).toEqual([{ subject: 'quinn' }]);
  });

  it('[OIDC11] an email the issuer has not verified is not kept, so it claims no one’s address', async () => {
    stack.issuer.users.set('uma', { email: 'pat@example.test', email_verified: false, name: 'Uma' });
    const uma = stack.person();
    expect((await uma.signIn('uma')).status).toBe(303);
    const account = await uma.me();
    expect(account).toMatchObject({ email: null, name: 'Uma' });
    const pats = await d1(stack.worker, "SELECT id FROM accounts WHERE email = 'pat@example.test'");
    expect(pats).toHaveLength(1);
    expect(pats[0]).not.toEqual({ id: account?.id });
  });
});
