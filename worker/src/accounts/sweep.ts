/**
 * What the accounts tables would otherwise keep for ever: expired sessions (a browser
 * that never signed out) and rate-limit rows past their window (an attacker spraying
 * new emails leaves one row per email, and only that email's next attempt would clear
 * it). Run by the worker's scheduled handler beside the retention sweep.
 */
import type { Env } from '../env';
import { AUTH_RATE_WINDOW_SECONDS } from './limits';

export async function sweepAccounts(
  env: Pick<Env, 'DB'>,
  now: number,
): Promise<{ sessions: number; attempts: number }> {
  const [sessions, attempts] = await env.DB.batch([
    env.DB.prepare('DELETE FROM sessions WHERE expires_at <= ?').bind(now),
    env.DB.prepare('DELETE FROM auth_attempts WHERE at <= ?').bind(now - AUTH_RATE_WINDOW_SECONDS * 1000),
  ]);
  return { sessions: sessions?.meta.changes ?? 0, attempts: attempts?.meta.changes ?? 0 };
}
