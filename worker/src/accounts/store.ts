/**
 * Accounts in D1 (migration 0006): the only module that reads or writes the
 * `accounts` table. Emails are stored as accounts/schema.ts normalises them.
 */
export interface AccountRow {
  id: string;
  email: string | null;
  name: string;
  password_hash: string | null;
}

export function accountById(db: D1Database, id: string): Promise<AccountRow | null> {
  return db.prepare('SELECT id, email, name, password_hash FROM accounts WHERE id = ?').bind(id).first<AccountRow>();
}

export function accountByEmail(db: D1Database, email: string): Promise<AccountRow | null> {
  return db
    .prepare('SELECT id, email, name, password_hash FROM accounts WHERE email = ?')
    .bind(email)
    .first<AccountRow>();
}

/**
 * Creates a password account unless the email is taken; true when one was created.
 * One statement either way, so a taken email costs the same as a free one.
 */
export async function createPasswordAccount(
  db: D1Database,
  account: { email: string; name: string; passwordHash: string },
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .prepare(
      'INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
    )
    .bind(crypto.randomUUID(), account.email, account.name, account.passwordHash, now)
    .run();
  return result.meta.changes > 0;
}

export async function setPasswordHash(db: D1Database, id: string, passwordHash: string): Promise<void> {
  await db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').bind(passwordHash, id).run();
}
