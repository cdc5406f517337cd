/**
 * The OpenID Connect issuer this deployment signs people in with, from OIDC_ISSUER,
 * OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. All three or none: with none, the routes and
 * the "Sign in with …" button do not exist; with some, every OIDC route answers
 * `misconfigured` naming what is missing. The redirect URI is built from PUBLIC_URL
 * only (never a request's Host), so a forged Host cannot send codes elsewhere.
 *
 * @example
 * const oidc = oidcSettings(env); // null when OIDC is not configured
 * oidc?.redirectUri              // "https://codesync.example.com/api/auth/oidc/callback"
 */
import { ConfigError, publicUrl } from '../../config';
import type { Env } from '../../env';

export const CALLBACK_PATH = '/api/auth/oidc/callback';

export interface OidcSettings {
  /** The issuer identifier, exactly as the issuer writes it in its tokens (`iss`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Plain http is allowed only for an issuer on this machine (local dev and tests). */
  allowHttp: boolean;
  /** What the button says: "Sign in with <providerName>". */
  providerName: string;
}

type OidcEnv = Pick<Env, 'PUBLIC_URL' | 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_PROVIDER_NAME'>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The configured issuer, or null when none is; throws ConfigError on a partial or bad configuration. */
export function oidcSettings(env: OidcEnv): OidcSettings | null {
  const values = {
    OIDC_ISSUER: env.OIDC_ISSUER,
    OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(values)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length === 3) return null;
  if (missing.length > 0) {
    throw new ConfigError(
      `OpenID Connect is half configured: set ${missing.join(' and ')} as well, or unset all three OIDC_ variables.`,
    );
  }
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(String(env.OIDC_ISSUER));
  } catch {
    throw new ConfigError(
      `OIDC_ISSUER is not a URL: set it to the issuer's address, e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>.`,
    );
  }
  const allowHttp = LOOPBACK_HOSTS.has(issuerUrl.hostname);
  if (issuerUrl.protocol !== 'https:' && !(allowHttp && issuerUrl.protocol === 'http:')) {
    throw new ConfigError(
      'OIDC_ISSUER must be an https URL (plain http only for an issuer on 127.0.0.1 or localhost).',
    );
  }
  return {
    issuer: String(env.OIDC_ISSUER),
    clientId: String(env.OIDC_CLIENT_ID),
    clientSecret: String(env.OIDC_CLIENT_SECRET),
    redirectUri: `${publicUrl(env)}${CALLBACK_PATH}`,
    allowHttp,
    providerName: env.OIDC_PROVIDER_NAME?.trim() || issuerUrl.hostname,
  };
}
