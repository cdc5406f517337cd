/**
 * Rate limits on signing in and up, counted in D1 (`auth_attempts`, migration 0007) so
 * that every isolate sees the same count. Counting and recording are one statement, so
 * racing requests cannot all pass the count. What is counted is a hash of the kind and
 * the subject (an email, a client address), never the subject itself.
 *
 * @example
 * const attempt = await takeAttempt(env.DB, 'signin-account', email);  // or 429
 * await forgive(env.DB, attempt);  // a success does not count against the account
 */
import { sha256Hex } from '../auth/tokens';
import { fail } from '../errors';
import {
  AUTH_RATE_WINDOW_SECONDS,
  OIDC_STARTS_PER_CLIENT,
  SIGNIN_FAILURES_PER_ACCOUNT,
  SIGNINS_PER_CLIENT,
  SIGNUPS_PER_CLIENT,
  SIGNUPS_PER_EMAIL,
} from './limits';

export type AttemptKind = 'signin-account' | 'signin-client' | 'signup-email' | 'signup-client' | 'oidc-start-client';

const LIMITS: Record<AttemptKind, { max: number; words: (minutes: number) => string }> = {
  'signin-account': {
    max: SIGNIN_FAILURES_PER_ACCOUNT,
    words: (m) => `Too many wrong passwords for this email: at most ${SIGNIN_FAILURES_PER_ACCOUNT} in ${m} minutes.`,
  },
  'signin-client': {
    max: SIGNINS_PER_CLIENT,
    words: (m) => `Too many sign-ins from your network: at most ${SIGNINS_PER_CLIENT} in ${m} minutes.`,
  },
  'signup-email': {
    max: SIGNUPS_PER_EMAIL,
    words: (m) => `Too many sign-ups for this email: at most ${SIGNUPS_PER_EMAIL} in ${m} minutes.`,
  },
  'signup-client': {
    max: SIGNUPS_PER_CLIENT,
    words: (m) => `Too many sign-ups from your network: at most ${SIGNUPS_PER_CLIENT} in ${m} minutes.`,
  },
  'oidc-start-client': {
    max: OIDC_STARTS_PER_CLIENT,
    words: (m) =>
      `Too many sign-ins with the identity provider from your network: at most ${OIDC_STARTS_PER_CLIENT} in ${m} minutes.`,
  },
};

export interface Attempt {
  id: string;
}

/** Records one attempt of `kind` by `subject`, or throws 429 with Retry-After when the window is full. */
export async function takeAttempt(
  db: D1Database,
  kind: AttemptKind,
  subject: string,
  now = Date.now(),
): Promise<Attempt> {
  const { max, words } = LIMITS[kind];
  const key = await sha256Hex(`${kind}:${subject}`);
  const since = now - AUTH_RATE_WINDOW_SECONDS * 1000;
  const id = crypto.randomUUID();
  const [, inserted] = await db.batch([
    db.prepare('DELETE FROM auth_attempts WHERE key = ? AND at <= ?').bind(key, since),
    db
      .prepare(
        `INSERT INTO auth_attempts (key, at, id) SELECT ?, ?, ?
         WHERE (SELECT COUNT(*) FROM auth_attempts WHERE key = ? AND at > ?) < ?`,
      )
      .bind(key, now, id, key, since, max),
  ]);
  if ((inserted?.meta.changes ?? 0) > 0) return { id };
  const oldest = await db
    .prepare('SELECT MIN(at) AS at FROM auth_attempts WHERE key = ? AND at > ?')
    .bind(key, since)
    .first<{ at: number | null }>();
  const retryAfter = Math.max(1, Math.ceil(((oldest?.at ?? now) + AUTH_RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  const minutes = AUTH_RATE_WINDOW_SECONDS / 60;
  throw fail('rate_limited', `${words(minutes)} Try again in ${Math.ceil(retryAfter / 60)} min.`, retryAfter);
}

/** Takes back an attempt that should not count (a sign-in that succeeded). */
export async function forgive(db: D1Database, attempt: Attempt): Promise<void> {
  await db.prepare('DELETE FROM auth_attempts WHERE id = ?').bind(attempt.id).run();
}
