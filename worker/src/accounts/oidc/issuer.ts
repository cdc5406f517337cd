/**
 * What the worker knows about the configured issuer, kept between requests in this
 * isolate: its discovery document (openid-client's Configuration, refreshed after
 * OIDC_DISCOVERY_TTL_MS) and its signing keys (jose's remote JWKS set, fetched again as
 * soon as an ID token names a key it does not hold, so a rotated JWKS keeps working).
 *
 * Why two libraries: openid-client (on oauth4webapi) runs the protocol — discovery,
 * PKCE, the code exchange, state, `iss` and `error=` in the response — and checks the ID
 * token's claims; it does not check the token's signature when the token comes straight
 * from the token endpoint (OpenID Connect Core, "ID Token Validation", allows that). We do check it, with jose,
 * against the issuer's JWKS and an algorithm allow-list: a compromised or mixed-up token
 * endpoint must not be able to sign anyone in.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { OIDC_DISCOVERY_TTL_MS } from '../limits';
import type { OidcSettings } from './settings';

/** Algorithms an ID token may be signed with (Cognito, Google, Okta and Keycloak use RS256). */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256', 'PS256'];

interface Discovered {
  config: client.Configuration;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

/** One entry per issuer + client, so a test worker switching issuers never mixes them. */
const discovered = new Map<string, Discovered>();

/** The issuer's configuration, from the cache or its `/.well-known/openid-configuration`. */
export async function issuerOf(settings: OidcSettings, now = Date.now()): Promise<Discovered> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  const cached = discovered.get(key);
  if (cached && now - cached.fetchedAt < OIDC_DISCOVERY_TTL_MS) return cached;
  const config = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    { redirect_uris: [settings.redirectUri], response_types: ['code'] },
    client.ClientSecretBasic(settings.clientSecret),
    settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) throw new Error(`The issuer ${settings.issuer} publishes no jwks_uri in its discovery document.`);
  // No cooldown: an unknown key id means the issuer rotated its keys, and ID tokens come
  // only from its token endpoint (one per sign-in), so refetching each time is bounded.
  const jwks = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0, cacheMaxAge: OIDC_DISCOVERY_TTL_MS });
  const entry = { config, jwks, fetchedAt: now };
  discovered.set(key, entry);
  return entry;
}

/** Verifies an ID token's signature and claims; answers its payload or throws jose's error. */
export async function verifyIdToken(
  settings: OidcSettings,
  issuer: Discovered,
  idToken: string,
  nonce: string,
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(idToken, issuer.jwks, {
    issuer: settings.issuer,
    audience: settings.clientId,
    algorithms: ID_TOKEN_ALGORITHMS,
    requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
  });
  if (payload.nonce !== nonce) throw new NonceMismatch();
  return payload;
}

export class NonceMismatch extends Error {
  constructor() {
    super('The ID token answers another sign-in (its nonce differs).');
  }
}
