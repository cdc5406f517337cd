/**
 * OpenID Connect sign-in against a real issuer (oidc-provider on loopback) and the real
 * worker (wrangler dev): the whole flow, then each way it must refuse (SPEC § 32).
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1 } from './support/d1';
import { type OidcStack, startOidcStack } from './support/oidcStack';

let stack: OidcStack;

beforeAll(async () => {
  stack = await startOidcStack(9163);
});

afterAll(async () => {
  await stack?.dispose();
});

const accountsWithEmail = async (email: string) =>
  (await d1<{ id: string }>(stack.worker, `SELECT id FROM accounts WHERE email = '${email}'`)).map((row) => row.id);

async function refusal(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

describe('OIDC sign-in', () => {
  it('[OIDC2] start sends the browser to the issuer with PKCE S256, state and nonce, the redirect URI from PUBLIC_URL, and a short-lived HttpOnly flow cookie', async () => {
    const person = stack.person();
    const res = await person.fetch(`${stack.worker.url}/api/auth/oidc/start`, {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(res.status).toBe(302);
    const url = new URL(String(res.headers.get('location')));
    expect(url.origin).toBe(stack.issuer.url);
    const q = url.searchParams;
    expect(q.get('redirect_uri')).toBe(stack.client.redirectUri);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('codesync_oidc='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    // D1 holds the flow token's hash, never the token, the state or the verifier.
    const token = String(person.workerCookie('codesync_oidc'));
    const stored = JSON.stringify(await d1(stack.worker, 'SELECT * FROM oidc_flows'));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(String(q.get('state')));
  });

  it('[OIDC3] a first sign-in creates one account and a session and lands on /dashboard; the same subject again reuses it', async () => {
    const person = stack.person();
    const first = await person.signIn('ada');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/dashboard');
    const cookies = first.headers.getSetCookie();
    expect(cookies.some((line) => /^codesync_session=[A-Za-z0-9_-]{43};/.test(line))).toBe(true);
    expect(cookies.some((line) => /^codesync_oidc=;.*Max-Age=0/.test(line))).toBe(true);
    const account = await person.me();
    expect(account).toMatchObject({ email: 'ada@users.test', name: 'ada' });

    const elsewhere = stack.person();
    expect((await elsewhere.signIn('ada')).status).toBe(303);
    expect((await elsewhere.me())?.id).toBe(account?.id);
    // Signing in again from the same browser rotates its session: the old cookie is dead.
    const oldSession = person.workerCookie('codesync_session');
    expect((await person.signIn('ada')).status).toBe(303);
    expect(person.workerCookie('codesync_session')).not.toBe(oldSession);
    const stale = await fetch(`${stack.worker.url}/api/auth/me`, {
      headers: { cookie: `codesync_session=${oldSession}` },
    });
    expect(stale.status).toBe(401);

    const rows = await d1(
      stack.worker,
      "SELECT a.id, i.issuer, i.subject FROM accounts a LEFT JOIN account_identities i ON i.account_id = a.id WHERE a.email = 'ada@users.test'",
    );
    expect(rows).toEqual([{ id: account?.id, issuer: stack.issuer.url, subject: 'ada' }]);
    // Discovery and the JWKS are cached per isolate: not fetched again for each of the two
    // sign-ins (a loaded machine may hand the second to a fresh isolate, which fetches once).
    expect(stack.issuer.hits.get('/.well-known/openid-configuration')).toBeLessThanOrEqual(2);
    expect(stack.issuer.hits.get('/jwks')).toBeLessThanOrEqual(2);
  });

  it('[OIDC4] a callback with another state, no state, no flow cookie, or a second time is refused and signs no one in', async () => {
    const person = stack.person();
    const back = new URL(await person.authorize(await person.start(), 'grace'));
    const forged = new URL(back);
    forged.searchParams.set('state', 'A'.repeat(43));
    const mismatch = await person.callback(forged.href);
    expect(await refusal(mismatch)).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(mismatch.headers.getSetCookie().some((line) => line.startsWith('codesync_session='))).toBe(false);
    // The refused callback used the flow up: the genuine URL now finds nothing.
    const replayOfGood = await refusal(await person.callback(back.href));
    expect(replayOfGood.message).toMatch(/not started in this browser|already used/);

    const noState = stack.person();
    const withoutState = new URL(await noState.authorize(await noState.start(), 'grace'));
    withoutState.searchParams.delete('state');
    expect((await refusal(await noState.callback(withoutState.href))).message).toMatch(/state does not match/);

    // Another browser (no flow cookie) cannot finish someone else's sign-in.
    const victim = stack.person();
    const victimsCallback = await victim.authorize(await victim.start(), 'grace');
    const attacker = stack.person();
    const stolen = await refusal(await attacker.callback(victimsCallback));
    expect(stolen).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(stolen.message).toMatch(/not started in this browser/);

    // Replayed: the same browser, the same callback, twice.
    const replayer = stack.person();
    const once = await replayer.authorize(await replayer.start(), 'grace');
    const cookieBefore = replayer.workerCookie('codesync_oidc');
    expect((await replayer.callback(once)).status).toBe(303);
    // The callback cleared the flow cookie; a replayer sends the old one again.
    const again = await fetch(once, { headers: { cookie: `codesync_oidc=${cookieBefore}` }, redirect: 'manual' });
    expect((await refusal(again)).message).toMatch(/already used/);
  });

  it('[OIDC5] an ID token with another nonce, from another issuer, or for another application is refused naming what is wrong', async () => {
    // Nonce: the authorization request is tampered with on its way to the issuer.
    const tamperer = stack.person();
    const tampered = new URL(await tamperer.start());
    tampered.searchParams.set('nonce', 'a-nonce-the-worker-never-made');
    const nonce = await refusal(await tamperer.callback(await tamperer.authorize(tampered.href, 'linus')));
    expect(nonce).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(nonce.message).toMatch(/nonce does not match/);

    // Another issuer: a real ID token from the second issuer, carrying the flow's own nonce,
    // is what the configured issuer's token endpoint answers (a mix-up).
    const mixedUp = stack.person();
    const start = await mixedUp.start();
    const flowNonce = String(new URL(start).searchParams.get('nonce'));
    const foreign = await stack.person().idTokenFrom(stack.otherIssuer.url, stack.client, 'linus', flowNonce);
    const back = await mixedUp.authorize(start, 'linus');
    stack.issuer.replaceNextIdToken(foreign);
    const issuer = await refusal(await mixedUp.callback(back));
    expect(issuer).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(issuer.message).toMatch(/issued by another issuer/);

    // Another audience: the right issuer, but a token it issued to another application.
    const confused = stack.person();
    const start2 = await confused.start();
    const nonce2 = String(new URL(start2).searchParams.get('nonce'));
    const forOther = await stack.person().idTokenFrom(stack.issuer.url, stack.otherClient, 'linus', nonce2);
    const back2 = await confused.authorize(start2, 'linus');
    stack.issuer.replaceNextIdToken(forOther);
    const audience = await refusal(await confused.callback(back2));
    expect(audience).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(audience.message).toMatch(/another application/);

    expect(await accountsWithEmail('linus@users.test')).toEqual([]);
  });

  it('[OIDC5] an ID token with the right claims but not signed by the issuer (a forged key, or HS256 with the client secret) is refused', async () => {
    const forge = async (sign: (jwt: SignJWT) => Promise<string>) => {
      const person = stack.person();
      const start = await person.start();
      const claims = {
        nonce: String(new URL(start).searchParams.get('nonce')),
        email: 'mallory@users.test',
        email_verified: true,
      };
      const jwt = new SignJWT(claims)
        .setIssuer(stack.issuer.url)
        .setAudience(stack.client.clientId)
        .setSubject('mallory')
        .setIssuedAt()
        .setExpirationTime('5m');
      const back = await person.authorize(start, 'mallory');
      stack.issuer.replaceNextIdToken(await sign(jwt));
      return refusal(await person.callback(back));
    };
    const { privateKey } = await generateKeyPair('RS256');
    // The issuer's own key id, on a token signed with the attacker's key.
    const kid = String(stack.issuer.keyIds.at(-1));
    const forged = await forge((jwt) => jwt.setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey));
    expect(forged).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(forged.message).toMatch(/not signed by any of its keys/);
    const symmetric = await forge((jwt) =>
      jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(stack.client.clientSecret)),
    );
    expect(symmetric.message).toMatch(/algorithm that is not allowed/);
    expect(await accountsWithEmail('mallory@users.test')).toEqual([]);
  });

  it('[OIDC6] a JWKS that rotated between two sign-ins is fetched again and the second sign-in works', async () => {
    expect((await stack.person().signIn('rotor')).status).toBe(303);
    const jwksFetches = stack.issuer.hits.get('/jwks') ?? 0;
    const before = stack.issuer.keyIds.at(-1);
    await stack.issuer.rotateKeys();
    const published = (await (await fetch(`${stack.issuer.url}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((key) => key.kid)).not.toContain(before);
    expect(published.keys.map((key) => key.kid)).toEqual([stack.issuer.keyIds.at(-1)]);
    const after = await stack.person().signIn('rotor');
    expect(after.status).toBe(303);
    // Our own look at /jwks above counts once; the worker fetched it once more, on the new key id.
    expect(stack.issuer.hits.get('/jwks')).toBe(jwksFetches + 2);
    expect(await accountsWithEmail('rotor@users.test')).toHaveLength(1);
  });

  it('[OIDC7] a code the issuer no longer honours (expired) is refused in words', async () => {
    const person = stack.person();
    const back = await person.authorize(await person.start(), 'slowpoke');
    stack.issuer.expireCodes();
    const expired = await refusal(await person.callback(back));
    expect(expired).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(expired.message).toMatch(/expired or was already used/);
    expect(await accountsWithEmail('slowpoke@users.test')).toEqual([]);
  });

  it('[OIDC15] an issuer that stops answering mid sign-in is 502 oidc_unreachable; once it answers again, signing in works', async () => {
    const person = stack.person();
    const back = await person.authorize(await person.start(), 'patient');
    stack.issuer.setAnswering(false);
    try {
      const down = await refusal(await person.callback(back));
      expect(down).toEqual({
        status: 502,
        code: 'oidc_unreachable',
        message: 'Test ID could not be reached. Try again shortly.',
      });
    } finally {
      stack.issuer.setAnswering(true);
    }
    expect((await person.signIn('patient')).status).toBe(303);
  });

  it('[OIDC8] the issuer sending the browser back with error= is refused in words that never repeat its description', async () => {
    // The person presses Cancel at the issuer: a real access_denied redirect.
    const person = stack.person();
    const interaction = await person.fetch(await person.start());
    const page = await (
      await person.fetch(new URL(String(interaction.headers.get('location')), stack.issuer.url).href)
    ).text();
    const cancel = /href="([^"]*abort[^"]*)"/.exec(page)?.[1];
    expect(cancel).toBeDefined();
    let url = new URL(String(cancel).replaceAll('&amp;', '&'), stack.issuer.url).href;
    while (!url.startsWith(stack.worker.url)) {
      url = new URL(String((await person.fetch(url)).headers.get('location')), url).href;
    }
    expect(new URL(url).searchParams.get('error')).toBe('access_denied');
    const denied = await refusal(await person.callback(url));
    expect(denied).toMatchObject({ status: 400, code: 'oidc_refused' });
    expect(denied.message).toMatch(/did not allow the sign-in/);

    // A made-up callback: its description (phishing text) is never shown; a bad code is named.
    const planted = await refusal(
      await fetch(
        `${stack.worker.url}/api/auth/oidc/callback?error=server_error&error_description=Call%20555-0100%20now`,
      ),
    );
    expect(planted.code).toBe('oidc_refused');
    expect(planted.message).toBe(
      'Test ID refused the sign-in with an error (server_error). Start again from the sign-in page.',
    );
    expect(planted.message).not.toMatch(/555/);
    const unknown = await refusal(await fetch(`${stack.worker.url}/api/auth/oidc/callback?error=call_support_now`));
    expect(unknown.message).not.toMatch(/call_support/);
    const malformed = await refusal(await fetch(`${stack.worker.url}/api/auth/oidc/callback?error=%3Cscript%3E`));
    expect(malformed.message).toMatch(/^error: must be an OAuth error code/);
  });

  it('[OIDC13] a browser is shown the refusal as a page with the way back to signing in; the flow cookie is cleared', async () => {
    const res = await fetch(`${stack.worker.url}/api/auth/oidc/callback?state=x&code=y`, {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.getSetCookie().some((line) => /^codesync_oidc=;.*Max-Age=0/.test(line))).toBe(true);
    const html = await res.text();
    expect(html).toMatch(/data-code="oidc_refused"/);
    expect(html).toMatch(/not started in this browser/);
    expect(html).toMatch(/href="\/signin"/);
  });
});
