/**
 * Who an issuer's verified identity is here. Rules (SPEC § 32):
 *  - a known (issuer, subject) signs in to its account;
 *  - an unknown one creates an account, unless its email is already an account's: then
 *    it is refused, never merged — whoever holds the password account signs in with it and
 *    links the issuer from there (a link flow), which proves they own both;
 *  - an email the issuer has not verified (or one longer than MAX_EMAIL_CHARS) is not
 *    kept, so it cannot claim an address.
 * The only module that writes `account_identities`.
 */

import { readableName } from '../../readableName';
import { MAX_ACCOUNT_NAME_CHARS, MAX_EMAIL_CHARS } from '../limits';

/** The claims of a verified ID token that CodeSync keeps. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  /** Lower-cased and trimmed; null unless the issuer says it verified it. */
  email: string | null;
  name: string;
}

export type Resolution =
  | { ok: true; accountId: string; created: boolean }
  | { ok: false; reason: 'email_taken' | 'identity_taken' };

/** Builds the identity from verified claims (the token's signature and claims were checked). */
export function identityOf(issuer: string, claims: Record<string, unknown>): VerifiedIdentity {
  // An email too long to be one is not kept, never cut: a cut address could be someone else's.
  const given = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const email = given && given.length <= MAX_EMAIL_CHARS && isVerified(claims.email_verified) ? given : null;
  const named = [claims.name, claims.preferred_username, claims.given_name].find(
    (value): value is string => typeof value === 'string' && readableName(value) !== '',
  );
  const name = readableName(named ?? email?.split('@')[0] ?? 'Interviewer').slice(0, MAX_ACCOUNT_NAME_CHARS);
  return { issuer, subject: String(claims.sub), email, name };
}

// Cognito sends email_verified as the string "true"; others as a boolean.
const isVerified = (value: unknown) => value === true || value === 'true';

/** The account a sign-in lands in (created on first sign-in), or why there is none. */
export async function signInAccount(db: D1Database, identity: VerifiedIdentity, now = Date.now()): Promise<Resolution> {
  const known = await accountOfIdentity(db, identity);
  if (known) return { ok: true, accountId: known, created: false };
  if (identity.email) {
    const taken = await db.prepare('SELECT id FROM accounts WHERE email = ?').bind(identity.email).first();
    if (taken) return { ok: false, reason: 'email_taken' };
  }
  const accountId = crypto.randomUUID();
  // One batch: the account and its identity exist together or not at all. A race with a
  // password sign-up for the same email fails the batch on the email's UNIQUE: refused below.
  try {
    await db.batch([
      db
        .prepare(
          'INSERT INTO accounts (id, email, email_verified, name, password_hash, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
        )
        .bind(accountId, identity.email, identity.email ? 1 : 0, identity.name, now),
      insertIdentity(db, identity, accountId, now),
    ]);
  } catch (error) {
    const again = await accountOfIdentity(db, identity); // the same person signing in twice at once
    if (again) return { ok: true, accountId: again, created: false };
    if (identity.email && /UNIQUE/i.test(String(error))) return { ok: false, reason: 'email_taken' };
    throw error;
  }
  return { ok: true, accountId, created: true };
}

/** Adds the identity to a signed-in account (the link flow); refused if another account has it. */
export async function linkIdentity(
  db: D1Database,
  identity: VerifiedIdentity,
  accountId: string,
  now = Date.now(),
): Promise<Resolution> {
  const owner = await accountOfIdentity(db, identity);
  if (owner && owner !== accountId) return { ok: false, reason: 'identity_taken' };
  if (!owner) await insertIdentity(db, identity, accountId, now).run();
  return { ok: true, accountId, created: false };
}

async function accountOfIdentity(db: D1Database, identity: VerifiedIdentity): Promise<string | null> {
  const row = await db
    .prepare('SELECT account_id FROM account_identities WHERE issuer = ? AND subject = ?')
    .bind(identity.issuer, identity.subject)
    .first<{ account_id: string }>();
  return row?.account_id ?? null;
}

function insertIdentity(db: D1Database, identity: VerifiedIdentity, accountId: string, now: number) {
  return db
    .prepare('INSERT INTO account_identities (issuer, subject, account_id, email, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(identity.issuer, identity.subject, accountId, identity.email, now);
}
