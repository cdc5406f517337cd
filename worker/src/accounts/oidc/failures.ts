/**
 * Every way an OpenID Connect sign-in fails, in words that say what to do. The callback
 * is a browser navigation, so a refusal there is also a small HTML page (for a browser;
 * scripts get the usual JSON). Nothing the issuer or the URL sends is echoed in the
 * words: an attacker-made callback URL must not put its text on our page.
 */
import { errors as joseErrors } from 'jose';
import * as client from 'openid-client';
import { type Refusal, refuse } from '../../refusals';
import { NonceMismatch } from './issuer';

export type FlowFailure = 'no_cookie' | 'unknown_or_used' | 'expired' | 'state_mismatch';

const START_AGAIN = 'Start again from the sign-in page.';

/** The callback's state check and the flow's cookie (flows.ts). */
export function flowRefusal(failure: FlowFailure): Refusal {
  const words: Record<FlowFailure, string> = {
    no_cookie: `This sign-in was not started in this browser, or it expired. ${START_AGAIN}`,
    unknown_or_used: `This sign-in was already used or is unknown. ${START_AGAIN}`,
    expired: `This sign-in took too long and expired. ${START_AGAIN}`,
    state_mismatch: `This sign-in's state does not match the one this browser started, so it was refused. ${START_AGAIN}`,
  };
  return refuse('oidc_refused', words[failure]);
}

/** The error codes of an authorization error response (RFC 6749, "Error Response"; OpenID Connect Core, "Authentication Error Response"). */
const STANDARD_ERRORS = new Set([
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'account_selection_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
]);

/** The issuer sent the browser back with `error=`: only known codes get their own words. */
export function issuerErrorRefusal(provider: string, error: string): Refusal {
  if (error === 'access_denied') {
    return refuse('oidc_refused', `${provider} did not allow the sign-in (access denied). ${START_AGAIN}`);
  }
  if (error === 'login_required' || error === 'interaction_required' || error === 'consent_required') {
    return refuse('oidc_refused', `${provider} needs you to sign in there first. ${START_AGAIN}`);
  }
  // Only a code from the standard's list is repeated: it tells whoever runs CodeSync what to fix.
  const named = STANDARD_ERRORS.has(error) ? ` (${error})` : '';
  return refuse('oidc_refused', `${provider} refused the sign-in with an error${named}. ${START_AGAIN}`);
}

const CLAIM_WORDS: Record<string, string> = {
  iss: 'was issued by another issuer than the one configured',
  aud: 'was issued for another application (audience)',
  azp: 'was issued for another application (authorized party)',
  nonce: 'answers another sign-in (its nonce does not match)',
  exp: 'has expired',
};

/** What went wrong in the code exchange or the ID token, as a refusal. */
export function exchangeRefusal(provider: string, error: unknown): Refusal {
  const token = (what: string) =>
    refuse('oidc_refused', `The ID token from ${provider} ${what}, so it was refused. ${START_AGAIN}`);
  if (error instanceof NonceMismatch) return token(CLAIM_WORDS.nonce as string);
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_grant') {
      return refuse(
        'oidc_refused',
        `${provider} refused the sign-in code: it expired or was already used. ${START_AGAIN}`,
      );
    }
    return refuse('oidc_refused', `${provider} refused to complete the sign-in (${error.error}). ${START_AGAIN}`);
  }
  if (error instanceof joseErrors.JWTExpired) return token(CLAIM_WORDS.exp as string);
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return token(CLAIM_WORDS[error.claim] ?? `has an invalid "${error.claim}" claim`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return token('is signed with an algorithm that is not allowed');
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return token('is not signed by any of its keys');
  }
  // openid-client's own claim checks run first; it wraps oauth4webapi's error, which names the claim.
  const code = error instanceof client.ClientError ? error.code : undefined;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    const claim = claimOf(error) ?? '';
    return token(CLAIM_WORDS[claim] ?? `has an invalid "${claim}" claim`);
  }
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return token(CLAIM_WORDS.exp as string);
  if (code === 'OAUTH_INVALID_RESPONSE' && headerOf(error)?.alg !== undefined) {
    return token('is signed with an algorithm that is not allowed');
  }
  // No answer at all: openid-client wraps the failed fetch (or its timeout) without an OAuth code.
  if (
    error instanceof client.ClientError &&
    (code === undefined || code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT')
  ) {
    console.error('oidc issuer unreachable', { error: error.message, cause: String(error.cause) });
    return refuse('oidc_unreachable', `${provider} could not be reached. Try again shortly.`);
  }
  if (error instanceof client.ClientError) {
    // Anything else the library refused in the issuer's answer: refused, and kept in the log.
    console.error('oidc exchange refused', { code, error: error.message });
    return refuse(
      'oidc_refused',
      `The answer from ${provider} could not be verified, so it was refused. ${START_AGAIN}`,
    );
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    return refuse('oidc_unreachable', `${provider} could not be reached. Try again shortly.`);
  }
  throw error;
}

/** The first of an error and the errors it wraps (`cause`) for which `pick` finds something. */
function inCauses<T>(error: unknown, pick: (at: Record<string, unknown>) => T | undefined): T | undefined {
  for (let at = error, depth = 0; at && typeof at === 'object' && depth < 4; depth++) {
    const found = pick(at as Record<string, unknown>);
    if (found !== undefined) return found;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

const claimOf = (error: unknown) => inCauses(error, (at) => (typeof at.claim === 'string' ? at.claim : undefined));
const headerOf = (error: unknown) =>
  inCauses(error, (at) => (at.header && typeof at.header === 'object' ? (at.header as { alg?: unknown }) : undefined));

/** The refusal as the page a browser shows, with the way back to signing in. */
export function failurePage(refusal: Refusal, status: number): Response {
  const escaped = refusal.message.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · CodeSync</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
main{max-width:36rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d8dde6;border-radius:8px}
h1{font-size:1.5rem;margin-top:0}</style></head>
<body><main><h1>Sign-in failed</h1><p id="oidc-error" data-code="${refusal.code}">${escaped}</p>
<p><a href="/signin">Back to sign in</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
