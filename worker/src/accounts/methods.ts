/**
 * The ways into an account: its password (if it has one) and the issuer identities
 * linked to it. A person lists them and unlinks an identity they no longer use, or one
 * they did not link (after a password change, a linked identity would still sign in:
 * unlinking is how it stops). The last way in cannot be removed: the account would be
 * locked for good.
 *
 * @example
 * await signInMethods(db, accountId);            // {password: true, identities: [...]}
 * await unlinkIdentity(db, accountId, { issuer, subject });
 */
import { z } from 'zod';
import { ok, type Result, refused } from '../refusals';
import { MAX_OIDC_SUBJECT_CHARS } from './limits';

export interface SignInMethods {
  password: boolean;
  identities: { issuer: string; subject: string; email: string | null; linkedAt: number }[];
}

export const unlinkBody = z
  .object({
    issuer: z.url({ error: 'must be the issuer URL the identity was linked from, as the methods list gives it' }),
    subject: z
      .string({ error: 'must be the identity’s subject, as the methods list gives it' })
      .min(1, 'is empty: take the subject from the methods list')
      .max(MAX_OIDC_SUBJECT_CHARS, `must be at most ${MAX_OIDC_SUBJECT_CHARS} characters`),
  })
  .strict();

export async function signInMethods(db: D1Database, accountId: string): Promise<SignInMethods> {
  const [account, identities] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT password_hash IS NOT NULL AS password FROM accounts WHERE id = ?').bind(accountId),
    db
      .prepare(
        'SELECT issuer, subject, email, created_at AS linkedAt FROM account_identities WHERE account_id = ? ORDER BY created_at',
      )
      .bind(accountId),
  ]);
  return {
    password: Boolean(account?.results[0]?.password),
    identities: (identities?.results ?? []) as SignInMethods['identities'],
  };
}

/**
 * Removes one of the account's identities. Another account's (or none) is the same
 * "no such identity": the answer says nothing of who else links what. The check and the
 * delete are one statement, so two unlinks at once cannot remove both last ways in.
 */
export async function unlinkIdentity(
  db: D1Database,
  accountId: string,
  identity: z.infer<typeof unlinkBody>,
): Promise<Result<SignInMethods>> {
  const owned = await db
    .prepare('SELECT 1 FROM account_identities WHERE issuer = ? AND subject = ? AND account_id = ?')
    .bind(identity.issuer, identity.subject, accountId)
    .first();
  if (!owned) return refused('no_such_identity');
  const removed = await db
    .prepare(
      `DELETE FROM account_identities
        WHERE issuer = ?1 AND subject = ?2 AND account_id = ?3
          AND ((SELECT password_hash IS NOT NULL FROM accounts WHERE id = ?3)
               OR (SELECT COUNT(*) FROM account_identities WHERE account_id = ?3) > 1)`,
    )
    .bind(identity.issuer, identity.subject, accountId)
    .run();
  if (removed.meta.changes === 0) return refused('last_sign_in_method');
  return ok(await signInMethods(db, accountId));
}
