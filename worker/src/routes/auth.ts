/**
 * /api/auth: email + password accounts (SPEC § 30). Sign-up, sign-in, sign-out (here or
 * everywhere), password change, and who is signed in. Every POST here must come from the
 * app's own origin (accounts/csrf.ts), signed in or not: a forged sign-in would put a
 * victim into the attacker's account.
 *
 * Nothing here says whether an email has an account: sign-up answers the same whether
 * or not the email was free (and does the same work), and sign-in answers an unknown
 * email as it answers a wrong password, after verifying against a dummy hash.
 */
import { Hono } from 'hono';
import { type Attempt, forgive, takeAttempt } from '../accounts/attempts';
import { assertSameOrigin } from '../accounts/csrf';
import { type CurrentAccount, currentAccount, requireAccount } from '../accounts/current';
import { signInMethods, unlinkBody, unlinkIdentity } from '../accounts/methods';
import { dummyHash, hashPassword, kdfParams, verifyPassword } from '../accounts/password';
import { REVOKED, sessionsEnded } from '../accounts/revocation';
import { passwordChangeBody, signInBody, signUpBody } from '../accounts/schema';
import {
  clearSessionCookie,
  endAllSessions,
  endOtherSessions,
  endSession,
  sessionToken,
  startSession,
} from '../accounts/sessions';
import { accountByEmail, accountById, createPasswordAccount, setPasswordHash } from '../accounts/store';
import { dropInvitesBy } from '../accounts/teams/teams';
import { clientKeySource } from '../auth/clientKey';
import { sha256Hex } from '../auth/tokens';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { signInMethods as methodsAnswer, ok, signedIn, signUpAnswer } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { readJson } from '../validate';

export const auth = new Hono<{ Bindings: Env }>();

auth.use('*', async (c, next) => {
  assertSameOrigin(c.req.raw, c.env);
  await next();
  // Answers about who is signed in are never cached, by a browser or anything between.
  c.header('Cache-Control', 'no-store');
});

auth.post(
  '/signup',
  describeRoute({
    summary: 'Sign up with email and password',
    description: 'Answers the same whether or not the email had an account (and does the same work).',
    tag: 'accounts',
    auth: 'none',
    body: { schema: signUpBody, example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } },
    answers: { 202: { description: 'Sign in next', schema: signUpAnswer } },
    refusals: ['cross_site', 'rate_limited'],
  }),
  async (c) => {
    const body = await readJson(c, signUpBody);
    await takeAttempt(c.env.DB, 'signup-client', clientKeySource(c.req.raw, c.env));
    await takeAttempt(c.env.DB, 'signup-email', body.email);
    const passwordHash = hashPassword(body.password, kdfParams(c.env)); // on both paths: a taken email costs the same
    await createPasswordAccount(c.env.DB, { email: body.email, name: body.name, passwordHash });
    return c.json(
      {
        ok: true,
        message: `If ${body.email} had no account, it has one now. Sign in with its email and password.`,
      },
      202,
    );
  },
);

auth.post(
  '/signin',
  describeRoute({
    summary: 'Sign in',
    description: 'Starts a session (Set-Cookie); whatever session the browser had ends.',
    tag: 'accounts',
    auth: 'none',
    body: { schema: signInBody, example: { email: 'ada@example.com', password: 'correct horse battery' } },
    answers: { 200: { description: 'The account', schema: signedIn, headers: { 'Set-Cookie': 'The session cookie' } } },
    refusals: ['cross_site', 'bad_credentials', 'rate_limited'],
  }),
  async (c) => {
    const body = await readJson(c, signInBody);
    await takeAttempt(c.env.DB, 'signin-client', clientKeySource(c.req.raw, c.env));
    const attempt = await takeAttempt(c.env.DB, 'signin-account', body.email);
    const account = await accountByEmail(c.env.DB, body.email);
    const params = kdfParams(c.env);
    // An unknown email (or an issuer-only account) is verified against a dummy: the same work, the same answer.
    const check = verifyPassword(body.password, account?.password_hash ?? dummyHash(params), params);
    if (!account?.password_hash || !check.ok) throw fail('bad_credentials');
    await forgive(c.env.DB, attempt);
    if (check.stale) await setPasswordHash(c.env.DB, account.id, hashPassword(body.password, params));
    // Rotation: whatever session the browser presented (perhaps planted) ends here.
    const presented = sessionToken(c.env, c.req.header('cookie'));
    if (presented) await endSession(c.env, await sha256Hex(presented));
    const { cookie } = await startSession(c.env, account.id);
    c.header('Set-Cookie', cookie);
    return c.json({ account: { id: account.id, email: account.email, name: account.name } });
  },
);

auth.post(
  '/signout',
  describeRoute({
    summary: 'Sign out',
    description: 'Ends this session (if any) and clears the cookie.',
    tag: 'accounts',
    auth: 'optionalSession',
    answers: { 200: { description: 'Signed out', schema: ok } },
  }),
  async (c) => {
    const account = await currentAccount(c);
    c.header('Set-Cookie', account ? await endSession(c.env, account.sessionHash) : clearSessionCookie(c.env));
    return c.json({ ok: true });
  },
);

auth.post(
  '/signout-everywhere',
  describeRoute({
    summary: 'Sign out everywhere',
    description: 'Ends every session of the account and closes its sockets.',
    tag: 'accounts',
    auth: 'session',
    answers: { 200: { description: 'Signed out', schema: ok } },
  }),
  async (c) => {
    const account = await requireAccount(c);
    await endAllSessions(c.env, account.id);
    await dropInvitesBy(c.env.DB, account.id);
    await sessionsEnded(c.env, account.id, REVOKED.signedOut);
    c.header('Set-Cookie', clearSessionCookie(c.env));
    return c.json({ ok: true });
  },
);

auth.post(
  '/password',
  describeRoute({
    summary: 'Change your password',
    description: 'Every other session of the account ends.',
    tag: 'accounts',
    auth: 'session',
    body: {
      schema: passwordChangeBody,
      example: { current: 'correct horse battery', next: 'another long passphrase' },
    },
    answers: { 200: { description: 'Changed', schema: ok } },
    refusals: ['bad_credentials', 'rate_limited'],
  }),
  async (c) => {
    const account = await requireAccount(c);
    const body = await readJson(c, passwordChangeBody);
    const row = await accountById(c.env.DB, account.id);
    // A wrong current password counts as a failed sign-in: a stolen session must not become a guessing oracle.
    let attempt: Attempt | null = null;
    if (row?.email) attempt = await takeAttempt(c.env.DB, 'signin-account', row.email);
    const params = kdfParams(c.env);
    if (!row?.password_hash || !verifyPassword(body.current, row.password_hash, params).ok) {
      throw fail('bad_credentials', 'Your current password is not right: type it again. Nothing was changed.');
    }
    if (attempt) await forgive(c.env.DB, attempt);
    await setPasswordHash(c.env.DB, account.id, hashPassword(body.next, params));
    await endOtherSessionsOf(c.env, account, REVOKED.passwordChanged);
    return c.json({ ok: true });
  },
);

/** The account's ways in: its password and linked identities (accounts/methods.ts). */
auth.get(
  '/methods',
  describeRoute({
    summary: 'Your ways in',
    description: 'The account’s password (whether it has one) and linked identities.',
    tag: 'accounts',
    auth: 'session',
    answers: { 200: { description: 'The sign-in methods', schema: methodsAnswer } },
  }),
  async (c) => {
    const account = await requireAccount(c);
    return c.json(await signInMethods(c.env.DB, account.id));
  },
);

auth.post(
  '/identities/unlink',
  describeRoute({
    summary: 'Unlink an identity provider',
    tag: 'accounts',
    auth: 'session',
    body: { schema: unlinkBody, example: { issuer: 'https://id.example.com', subject: 'a1b2c3' } },
    answers: { 200: { description: 'The sign-in methods left', schema: methodsAnswer } },
    refusals: ['no_such_identity', 'last_sign_in_method'],
  }),
  async (c) => {
    const account = await requireAccount(c);
    const body = await readJson(c, unlinkBody);
    const methods = unwrap(await unlinkIdentity(c.env.DB, account.id, body));
    // Any other session may have been started through the identity (perhaps linked by a thief): it goes too.
    await endOtherSessionsOf(c.env, account, REVOKED.identityUnlinked);
    return c.json(methods);
  },
);

auth.get(
  '/me',
  describeRoute({
    summary: 'Who is signed in',
    tag: 'accounts',
    auth: 'session',
    answers: { 200: { description: 'The account', schema: signedIn } },
  }),
  async (c) => {
    const account = await requireAccount(c);
    return c.json({ account: { id: account.id, email: account.email, name: account.name } });
  },
);

/**
 * A way in changed (the password, an identity unlinked): every session but this one ends,
 * with the team invites the account made (ACCT11) and its sockets, whose session is not
 * known, so this session's tabs open theirs again.
 */
async function endOtherSessionsOf(env: Env, account: CurrentAccount, why: string): Promise<void> {
  await endOtherSessions(env, account.id, account.sessionHash);
  await dropInvitesBy(env.DB, account.id);
  await sessionsEnded(env, account.id, why);
}
