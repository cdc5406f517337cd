/**
 * The two halves of an OpenID Connect sign-in (authorization code flow with PKCE S256,
 * state and nonce): `beginSignIn` records a flow bound to this browser and answers the
 * issuer's authorization URL; `finishSignIn` takes that flow once, exchanges the code,
 * verifies the ID token and answers the account to sign in (or the one it linked to).
 * Routes (routes/oidc.ts) turn the outcome into HTTP.
 */
import * as client from 'openid-client';
import { digestsEqual } from '../../auth/tokens';
import type { Env } from '../../env';
import { type Refusal, refuse } from '../../refusals';
import { exchangeRefusal, flowRefusal, issuerErrorRefusal } from './failures';
import { startFlow, takeFlow } from './flows';
import { identityOf, linkIdentity, signInAccount } from './identities';
import { issuerOf, verifyIdToken } from './issuer';
import type { OidcSettings } from './settings';

/** The scopes asked for: who (openid), their email to recognise them, a name to show. */
export const OIDC_SCOPES = 'openid email profile';

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** A new flow for this browser; `linkAccountId` when a signed-in account links the issuer. */
export async function beginSignIn(
  env: Env,
  settings: OidcSettings,
  linkAccountId: string | null,
): Promise<Outcome<{ location: string; cookie: string }>> {
  let issuer: Awaited<ReturnType<typeof issuerOf>>;
  try {
    issuer = await issuerOf(settings);
  } catch (error) {
    console.error('oidc discovery failed', { issuer: settings.issuer, error: String(error) });
    return {
      ok: false,
      refusal: refuse('oidc_unreachable', `${settings.providerName} could not be reached. Try again shortly.`),
    };
  }
  const { cookie, secrets } = await startFlow(env, { linkAccountId });
  const url = client.buildAuthorizationUrl(issuer.config, {
    redirect_uri: settings.redirectUri,
    scope: OIDC_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: 'S256',
    state: secrets.state,
    nonce: secrets.nonce,
  });
  return { ok: true, value: { location: url.href, cookie } };
}

/** What the issuer sent the browser back with (validated by the route). */
export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  search: string;
}

export interface SignedIn {
  accountId: string;
  /** Set when the flow linked the issuer to this already signed-in account. */
  linked: boolean;
}

/** Finishes the flow this browser's cookie names; every failure is a refusal in words. */
export async function finishSignIn(
  env: Env,
  settings: OidcSettings,
  query: CallbackQuery,
  cookieHeader: string | undefined,
  signedInAccountId: string | null,
): Promise<Outcome<SignedIn>> {
  const refused = (refusal: Refusal) => ({ ok: false as const, refusal });
  // The flow is taken first, whatever came back: a callback uses up its flow, good or bad.
  const flow = await takeFlow(env, cookieHeader);
  if (query.error) return refused(issuerErrorRefusal(settings.providerName, query.error));
  if (!flow.ok) return refused(flowRefusal(flow.reason));
  if (!query.state || !digestsEqual(query.state, flow.secrets.state)) return refused(flowRefusal('state_mismatch'));
  if (flow.linkAccountId && flow.linkAccountId !== signedInAccountId) {
    return refused(
      refuse('not_signed_in', `Sign in to the account you are linking ${settings.providerName} to, then start again.`),
    );
  }
  let claims: Record<string, unknown>;
  try {
    const issuer = await issuerOf(settings);
    const tokens = await client.authorizationCodeGrant(
      issuer.config,
      new URL(`${settings.redirectUri}${query.search}`),
      {
        pkceCodeVerifier: flow.secrets.codeVerifier,
        expectedState: flow.secrets.state,
        expectedNonce: flow.secrets.nonce,
        idTokenExpected: true,
      },
    );
    claims = await verifyIdToken(settings, issuer, tokens.id_token ?? '', flow.secrets.nonce);
  } catch (error) {
    return refused(exchangeRefusal(settings.providerName, error));
  }
  const identity = identityOf(settings.issuer, claims);
  const resolution = flow.linkAccountId
    ? await linkIdentity(env.DB, identity, flow.linkAccountId)
    : await signInAccount(env.DB, identity);
  if (!resolution.ok) {
    return refused(
      resolution.reason === 'email_taken'
        ? refuse(
            'oidc_email_taken',
            `An account with this email already signs in with a password. Sign in with your password first, then link ${settings.providerName} from your account page.`,
          )
        : refuse(
            'oidc_identity_taken',
            `This ${settings.providerName} identity already signs in to another CodeSync account.`,
          ),
    );
  }
  return { ok: true, value: { accountId: resolution.accountId, linked: flow.linkAccountId !== null } };
}
