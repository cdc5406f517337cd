/**
 * Sign-in with the configured OpenID Connect issuer (accounts/oidc/):
 *   GET /api/auth/providers         → {oidc: {name, start} | null}: what the sign-in page offers
 *   GET /api/auth/oidc/start[?link=1] → 302 to the issuer (link=1: a signed-in account adds it)
 *   GET /api/auth/oidc/callback     → 303 to /dashboard with a session, or the refusal
 * Without OIDC_* configured the two /oidc routes answer 404 `oidc_off`.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { takeAttempt } from '../accounts/attempts';
import { assertNotCrossSiteNavigation } from '../accounts/csrf';
import { currentAccount } from '../accounts/current';
import { failurePage } from '../accounts/oidc/failures';
import { clearFlowCookie } from '../accounts/oidc/flows';
import { oidcSettings } from '../accounts/oidc/settings';
import { beginSignIn, finishSignIn } from '../accounts/oidc/signIn';
import { endSession, startSession } from '../accounts/sessions';
import { clientKeySource } from '../auth/clientKey';
import type { Env } from '../env';
import { fail, httpError } from '../errors';
import { providers } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { type Refusal, refuse, statusOf } from '../refusals';
import { describeIssues } from '../validate';

export const oidc = new Hono<{ Bindings: Env }>();

/** Where a person lands once signed in (or linked). */
export const AFTER_SIGN_IN = '/dashboard';

const startQuery = z.object({
  link: z.literal('1', { error: 'must be 1 (link the provider to the signed-in account) or left out' }).optional(),
});

// Codes and states are opaque to us; the bounds only keep hostile URLs small. `error` is
// an RFC 6749 code (letters and underscores); its description is never shown (failures.ts).
const callbackQuery = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z
    .string()
    .regex(/^[a-z_]{1,64}$/, 'must be an OAuth error code')
    .optional(),
  error_description: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
  session_state: z.string().max(2048).optional(),
});

oidc.get(
  '/providers',
  describeRoute({
    summary: 'The identity provider offered',
    tag: 'accounts',
    auth: 'none',
    answers: { 200: { description: 'The provider, or null when none is set up', schema: providers } },
  }),
  (c) => {
    const settings = oidcSettings(c.env);
    return c.json({ oidc: settings ? { name: settings.providerName, start: '/api/auth/oidc/start' } : null });
  },
);

oidc.get(
  '/oidc/start',
  describeRoute({
    summary: 'Start signing in with the identity provider',
    description: 'A browser navigation: redirects to the provider. `link=1` links it to the signed-in account instead.',
    tag: 'accounts',
    auth: 'optionalSession',
    query: startQuery,
    answers: {
      302: {
        description: 'To the provider',
        headers: { Location: 'The provider’s sign-in page', 'Set-Cookie': 'The flow cookie' },
      },
    },
    refusals: ['oidc_off', 'not_signed_in', 'cross_site', 'rate_limited', 'oidc_unreachable'],
  }),
  async (c) => {
    const settings = configured(c);
    const query = startQuery.safeParse(c.req.query());
    if (!query.success) throw fail('bad_request', describeIssues(query.error));
    let linkAccountId: string | null = null;
    if (query.data.link) {
      const account = await currentAccount(c);
      // A link binds the issuer's identity to this account: another site must not start one for it.
      if (account) assertNotCrossSiteNavigation(c.req.raw);
      if (!account)
        throw fail('not_signed_in', `Sign in to your CodeSync account first, then link ${settings.providerName}.`);
      linkAccountId = account.id;
    }
    await takeAttempt(c.env.DB, 'oidc-start-client', clientKeySource(c.req.raw, c.env));
    const begun = await beginSignIn(c.env, settings, linkAccountId);
    if (!begun.ok) throw httpError(begun.refusal);
    return new Response(null, {
      status: 302,
      headers: { location: begun.value.location, 'set-cookie': begun.value.cookie, 'cache-control': 'no-store' },
    });
  },
);

oidc.get(
  '/oidc/callback',
  describeRoute({
    summary: 'Where the identity provider sends the browser back',
    description:
      'Not called by hand. A browser (Accept: text/html) is shown a page on failure, a script gets the JSON refusal.',
    tag: 'accounts',
    auth: 'optionalSession',
    query: callbackQuery,
    answers: {
      303: {
        description: 'Signed in (or linked): to the dashboard',
        headers: { Location: '/dashboard', 'Set-Cookie': 'The session cookie' },
      },
    },
    refusals: ['oidc_off', 'oidc_refused', 'oidc_email_taken', 'oidc_identity_taken', 'oidc_unreachable'],
  }),
  async (c) => {
    const settings = configured(c);
    const query = callbackQuery.safeParse(c.req.query());
    if (!query.success)
      return refusal(c, refuse('oidc_refused', `${describeIssues(query.error)}. Start again from the sign-in page.`));
    const account = await currentAccount(c);
    const outcome = await finishSignIn(
      c.env,
      settings,
      { ...query.data, search: new URL(c.req.url).search },
      c.req.header('cookie'),
      account?.id ?? null,
    );
    if (!outcome.ok) return refusal(c, outcome.refusal);
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', clearFlowCookie(c.env));
    if (outcome.value.linked) {
      headers.set('location', `${AFTER_SIGN_IN}?linked=oidc`);
    } else {
      // Rotation, as for a password sign-in: whatever session the browser presented ends here.
      if (account) await endSession(c.env, account.sessionHash);
      headers.append('set-cookie', (await startSession(c.env, outcome.value.accountId)).cookie);
      headers.set('location', AFTER_SIGN_IN);
    }
    return new Response(null, { status: 303, headers });
  },
);

function configured(c: Context<{ Bindings: Env }>) {
  const settings = oidcSettings(c.env);
  if (!settings) throw fail('oidc_off');
  return settings;
}

/** A browser is shown a page; a script gets the JSON refusal. The flow cookie goes either way. */
function refusal(c: Context<{ Bindings: Env }>, refused: Refusal): Response {
  const wantsPage = (c.req.header('accept') ?? '').includes('text/html');
  const response = wantsPage ? failurePage(refused, statusOf(refused)) : httpError(refused).getResponse();
  const headers = new Headers(response.headers);
  headers.append('set-cookie', clearFlowCookie(c.env));
  return new Response(response.body, { status: response.status, headers });
}
