/**
 * Sessions of signed-in accounts: a random 256-bit token in an HttpOnly cookie, its
 * SHA-256 in D1 (`sessions`), so a leaked database holds nothing that signs anyone in.
 * A sign-in always starts a new session (rotation: a token planted before sign-in is
 * worth nothing after); signing out ends one session, "sign out everywhere" all of an
 * account's.
 *
 * The cookie is `__Host-codesync_session; Secure` wherever PUBLIC_URL is https, and
 * `codesync_session` on http://127.0.0.1 in local dev (browsers drop Secure cookies on
 * plain http); HttpOnly and SameSite=Lax always. Cookie-authenticated state changes
 * are also checked for a same-origin request (accounts/csrf.ts).
 *
 * @example
 * const { cookie } = await startSession(env, accountId);        // on sign-in: Set-Cookie
 * const session = await sessionOf(env, c.req.header('cookie')); // {accountId, tokenHash} | null
 */

import { newToken, sha256Hex, TOKEN_PATTERN } from '../auth/tokens';
import { publicUrl } from '../config';
import type { Env } from '../env';

/** A session lasts this long from sign-in, whatever its use. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often, so reads do not write on every request. */
const SEEN_EVERY_MS = 60 * 60 * 1000;

export interface Session {
  accountId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
}

const secure = (env: Pick<Env, 'PUBLIC_URL'>) => publicUrl(env).startsWith('https:');

/** The cookie's name: `__Host-` (host-only, Secure, Path=/) wherever the origin is https. */
export const sessionCookieName = (env: Pick<Env, 'PUBLIC_URL'>) =>
  secure(env) ? '__Host-codesync_session' : 'codesync_session';

function cookieHeader(env: Pick<Env, 'PUBLIC_URL'>, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${sessionCookieName(env)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure(env)) parts.push('Secure');
  return parts.join('; ');
}

/** The session token a Cookie header carries, if it is well-formed. */
export function sessionToken(
  env: Pick<Env, 'PUBLIC_URL'>,
  cookieHeaderValue: string | undefined | null,
): string | null {
  if (!cookieHeaderValue) return null;
  const name = sessionCookieName(env);
  for (const part of cookieHeaderValue.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const value = rest.join('=');
    return TOKEN_PATTERN.test(value) ? value : null;
  }
  return null;
}

/** Starts a session for `accountId`; returns the Set-Cookie value that carries it. */
export async function startSession(
  env: Env,
  accountId: string,
  now = Date.now(),
): Promise<{ cookie: string; session: Session }> {
  const token = newToken();
  const session: Session = {
    accountId,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  };
  await env.DB.prepare(
    'INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(session.tokenHash, accountId, now, session.expiresAt, now)
    .run();
  return { cookie: cookieHeader(env, token, Math.floor(SESSION_TTL_MS / 1000)), session };
}

/** The live session a request's Cookie header names, or null (none, unknown, expired). */
export async function sessionOf(
  env: Env,
  cookieHeaderValue: string | undefined | null,
  now = Date.now(),
): Promise<Session | null> {
  const token = sessionToken(env, cookieHeaderValue);
  if (!token) return null;
  const tokenHash = await sha256Hex(token);
  const row = await env.DB.prepare(
    'SELECT account_id, created_at, expires_at, last_seen_at FROM sessions WHERE token_hash = ?',
  )
    .bind(tokenHash)
    .first<{ account_id: string; created_at: number; expires_at: number; last_seen_at: number }>();
  if (!row || row.expires_at <= now) return null;
  if (now - row.last_seen_at > SEEN_EVERY_MS) {
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').bind(now, tokenHash).run();
  }
  return { accountId: row.account_id, tokenHash, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** Ends one session (sign out); returns the Set-Cookie value that clears the cookie. */
export async function endSession(env: Env, tokenHash: string): Promise<string> {
  await env.DB.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(tokenHash).run();
  return clearSessionCookie(env);
}

/** Ends every session of an account (sign out everywhere, a password change). */
export async function endAllSessions(env: Env, accountId: string): Promise<void> {
  await env.DB.prepare('DELETE FROM sessions WHERE account_id = ?').bind(accountId).run();
}

/** Ends every session of an account but `keepTokenHash` (a password change from that session). */
export async function endOtherSessions(env: Env, accountId: string, keepTokenHash: string): Promise<void> {
  await env.DB.prepare('DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?')
    .bind(accountId, keepTokenHash)
    .run();
}

export const clearSessionCookie = (env: Pick<Env, 'PUBLIC_URL'>) => cookieHeader(env, '', 0);
