/**
 * A sign-in in progress, bound to the browser that started it. The browser gets a random
 * 256-bit flow token in a short-lived HttpOnly cookie; the `state`, `nonce` and PKCE
 * `code_verifier` are derived from that token (SHA-256 with a label each), and D1 keeps
 * only the token's hash, its expiry and, for a link, the account. So:
 *  - a callback without the cookie, or with another browser's state, is refused;
 *  - a flow is used once: the callback deletes its row before anything else;
 *  - a leaked database (or URL, which shows state and the PKCE challenge) completes nothing.
 *
 * @example
 * const flow = await startFlow(env, { linkAccountId: null });  // → {cookie, secrets}
 * const taken = await takeFlow(env, c.req.header('cookie'));  // → {secrets, linkAccountId} | null
 */
import { base64url, newToken, sha256Hex, TOKEN_PATTERN } from '../../auth/tokens';
import { publicUrl } from '../../config';
import type { Env } from '../../env';
import { OIDC_FLOW_TTL_MS } from '../limits';

export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const secure = (env: Pick<Env, 'PUBLIC_URL'>) => publicUrl(env).startsWith('https:');

/** `__Host-` (host-only, Secure, Path=/) wherever the origin is https, as for sessions. */
export const flowCookieName = (env: Pick<Env, 'PUBLIC_URL'>) =>
  secure(env) ? '__Host-codesync_oidc' : 'codesync_oidc';

function flowCookie(env: Pick<Env, 'PUBLIC_URL'>, value: string, maxAgeSeconds: number): string {
  // SameSite=Lax: the issuer sends the browser back with a top-level GET, which Lax allows.
  const parts = [`${flowCookieName(env)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure(env)) parts.push('Secure');
  return parts.join('; ');
}

export const clearFlowCookie = (env: Pick<Env, 'PUBLIC_URL'>) => flowCookie(env, '', 0);

async function derive(token: string, label: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`codesync/oidc/${label}/${token}`));
  return base64url(new Uint8Array(digest));
}

async function secretsOf(token: string): Promise<FlowSecrets> {
  return {
    state: await derive(token, 'state'),
    nonce: await derive(token, 'nonce'),
    codeVerifier: await derive(token, 'pkce'),
  };
}

/** Records a new flow; answers the Set-Cookie that binds it to this browser and its secrets. */
export async function startFlow(
  env: Env,
  { linkAccountId }: { linkAccountId: string | null },
  now = Date.now(),
): Promise<{ cookie: string; secrets: FlowSecrets }> {
  const token = newToken();
  // Expired flows go as new ones come, so the table holds at most a TTL's worth of starts.
  await env.DB.batch([
    env.DB.prepare('DELETE FROM oidc_flows WHERE expires_at <= ?').bind(now),
    env.DB.prepare(
      'INSERT INTO oidc_flows (token_hash, link_account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ).bind(await sha256Hex(token), linkAccountId, now, now + OIDC_FLOW_TTL_MS),
  ]);
  return { cookie: flowCookie(env, token, Math.floor(OIDC_FLOW_TTL_MS / 1000)), secrets: await secretsOf(token) };
}

export type TakenFlow =
  | { ok: true; secrets: FlowSecrets; linkAccountId: string | null }
  | { ok: false; reason: 'no_cookie' | 'unknown_or_used' | 'expired' };

/** Takes (deletes) the flow this browser's cookie names: a flow is good for one callback. */
export async function takeFlow(env: Env, cookieHeader: string | undefined, now = Date.now()): Promise<TakenFlow> {
  const token = flowToken(env, cookieHeader);
  if (!token) return { ok: false, reason: 'no_cookie' };
  const row = await env.DB.prepare('DELETE FROM oidc_flows WHERE token_hash = ? RETURNING link_account_id, expires_at')
    .bind(await sha256Hex(token))
    .first<{ link_account_id: string | null; expires_at: number }>();
  if (!row) return { ok: false, reason: 'unknown_or_used' };
  if (row.expires_at <= now) return { ok: false, reason: 'expired' };
  return { ok: true, secrets: await secretsOf(token), linkAccountId: row.link_account_id };
}

function flowToken(env: Pick<Env, 'PUBLIC_URL'>, cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const name = flowCookieName(env);
  for (const part of cookieHeader.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      const value = rest.join('=');
      return TOKEN_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}
