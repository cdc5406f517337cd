/**
 * Teams (issue 13): colleagues who see each other's interviews and reports and may join
 * them as observers (accounts/ownership/access.ts). An account is in at most one team;
 * inviting the first colleague makes the inviter's team. Invites are one-time links: a
 * random 256-bit token whose SHA-256 alone is stored, good for TEAM_INVITE_TTL_MS and
 * spent by one DELETE … RETURNING, so two accounts can never share one and a replayed
 * link opens nothing.
 *
 * @example
 * const { token, expiresAt } = unwrap(await createInvite(env.DB, accountId));
 * unwrap(await joinTeam(env.DB, colleagueId, token)); // once; the second try is refused
 */
import { newRoomId, newToken, sha256Hex } from '../../auth/tokens';
import { ok, type Result, refused } from '../../refusals';
import { MAX_PENDING_TEAM_INVITES, MAX_TEAM_MEMBERS, TEAM_INVITE_TTL_MS } from '../limits';

export interface TeamMember {
  accountId: string;
  name: string;
  email: string | null;
  joinedAt: number;
}

/** The team an account is in, or null. */
export async function teamOf(db: D1Database, accountId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT team_id FROM team_members WHERE account_id = ?')
    .bind(accountId)
    .first<{ team_id: string }>();
  return row?.team_id ?? null;
}

/** Whether two accounts are in one team (an account is not its own colleague here). */
export async function sameTeam(db: D1Database, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  const row = await db
    .prepare(
      `SELECT 1 AS yes FROM team_members x JOIN team_members y ON y.team_id = x.team_id
       WHERE x.account_id = ? AND y.account_id = ?`,
    )
    .bind(a, b)
    .first<{ yes: number }>();
  return row !== null;
}

/** The members of an account's team, oldest first; null when it is in none. */
export async function teamMembers(db: D1Database, accountId: string): Promise<TeamMember[] | null> {
  const teamId = await teamOf(db, accountId);
  if (!teamId) return null;
  const { results } = await db
    .prepare(
      `SELECT a.id, a.name, a.email, m.joined_at FROM team_members m JOIN accounts a ON a.id = m.account_id
       WHERE m.team_id = ? ORDER BY m.joined_at, a.id`,
    )
    .bind(teamId)
    .all<{ id: string; name: string; email: string | null; joined_at: number }>();
  return results.map((r) => ({ accountId: r.id, name: r.name, email: r.email, joinedAt: r.joined_at }));
}

/** A new one-time invite to the account's team (made on the first invite). The token is answered once. */
export async function createInvite(
  db: D1Database,
  accountId: string,
  now = Date.now(),
): Promise<Result<{ token: string; expiresAt: number }>> {
  let teamId = await teamOf(db, accountId);
  if (!teamId) {
    // Both only while the account is in no team: two first invites at once make one team.
    const id = newRoomId();
    await db.batch([
      db
        .prepare(
          `INSERT INTO teams (id, created_by, created_at)
           SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM team_members WHERE account_id = ?)`,
        )
        .bind(id, accountId, now, accountId),
      db
        .prepare(
          `INSERT INTO team_members (account_id, team_id, joined_at)
           SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM teams WHERE id = ?) ON CONFLICT (account_id) DO NOTHING`,
        )
        .bind(accountId, id, now, id),
    ]);
    teamId = await teamOf(db, accountId);
    if (!teamId) return refused('internal', 'Your team could not be made; try again.');
  }
  const members = await db
    .prepare('SELECT COUNT(*) AS n FROM team_members WHERE team_id = ?')
    .bind(teamId)
    .first<{ n: number }>();
  if ((members?.n ?? 0) >= MAX_TEAM_MEMBERS) {
    return refused('team_conflict', `Your team has ${MAX_TEAM_MEMBERS} members, the most a team can have.`);
  }
  const token = newToken();
  const expiresAt = now + TEAM_INVITE_TTL_MS;
  // Count and insert in one statement, so racing requests cannot pass the cap together.
  const [, inserted] = await db.batch([
    db.prepare('DELETE FROM team_invites WHERE team_id = ? AND expires_at <= ?').bind(teamId, now),
    db
      .prepare(
        `INSERT INTO team_invites (token_hash, team_id, invited_by, created_at, expires_at)
         SELECT ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM team_invites WHERE team_id = ?) < ?`,
      )
      .bind(await sha256Hex(token), teamId, accountId, now, expiresAt, teamId, MAX_PENDING_TEAM_INVITES),
  ]);
  if (inserted?.meta.changes !== 1) return refusePending(db, teamId, now);
  return ok({ token, expiresAt });
}

/** Spends an invite: the account joins the invite's team, once. */
export async function joinTeam(
  db: D1Database,
  accountId: string,
  token: string,
  now = Date.now(),
): Promise<Result<{ teamId: string }>> {
  // Checked before the invite is spent, so a colleague already in a team keeps the link usable.
  if (await teamOf(db, accountId)) {
    return refused('team_conflict', 'You are already in a team: leave it first (POST /api/teams/leave).');
  }
  const spent = await db
    .prepare('DELETE FROM team_invites WHERE token_hash = ? AND expires_at > ? RETURNING team_id')
    .bind(await sha256Hex(token), now)
    .first<{ team_id: string }>();
  // One answer for unknown, used and expired: a guess learns nothing about which invites exist.
  if (!spent) {
    return refused(
      'bad_request',
      'token: this invite link was already used, has expired or is not valid; ask your colleague for a new one.',
    );
  }
  const joined = await db
    .prepare(
      `INSERT INTO team_members (account_id, team_id, joined_at)
       SELECT ?, ?, ? WHERE (SELECT COUNT(*) FROM team_members WHERE team_id = ?) < ?
       ON CONFLICT (account_id) DO NOTHING`,
    )
    .bind(accountId, spent.team_id, now, spent.team_id, MAX_TEAM_MEMBERS)
    .run();
  if (joined.meta.changes !== 1) {
    return refused('team_conflict', `That team is full (${MAX_TEAM_MEMBERS} members) or you joined another meanwhile.`);
  }
  return ok({ teamId: spent.team_id });
}

/** The account leaves its team with the invites it made; a team left empty goes, with all its invites. */
export async function leaveTeam(db: D1Database, accountId: string): Promise<Result<{ left: string }>> {
  const row = await db
    .prepare('DELETE FROM team_members WHERE account_id = ? RETURNING team_id')
    .bind(accountId)
    .first<{ team_id: string }>();
  if (!row) return refused('team_conflict', 'You are not in a team.');
  await db.batch([
    // The leaver's unused invites go too: kept, any of them would let them (or anyone they chose) back in.
    db.prepare('DELETE FROM team_invites WHERE team_id = ? AND invited_by = ?').bind(row.team_id, accountId),
    db
      .prepare('DELETE FROM teams WHERE id = ? AND NOT EXISTS (SELECT 1 FROM team_members WHERE team_id = ?)')
      .bind(row.team_id, row.team_id),
  ]);
  return ok({ left: row.team_id });
}

/**
 * Ends the unused invites an account made, when its sessions end (sign out everywhere, a
 * password change): a stolen session could have made them for its thief, and each would
 * still join the team for TEAM_INVITE_TTL_MS after the session went.
 */
export async function dropInvitesBy(db: D1Database, accountId: string): Promise<void> {
  await db.prepare('DELETE FROM team_invites WHERE invited_by = ?').bind(accountId).run();
}

async function refusePending(db: D1Database, teamId: string, now: number): Promise<Result<never>> {
  const row = await db
    .prepare('SELECT MIN(expires_at) AS first FROM team_invites WHERE team_id = ?')
    .bind(teamId)
    .first<{ first: number | null }>();
  const retryAfter = Math.max(1, Math.ceil(((row?.first ?? now) - now) / 1000));
  return refused(
    'rate_limited',
    `Your team has ${MAX_PENDING_TEAM_INVITES} unused invite links: wait until one is used or expires.`,
    retryAfter,
  );
}
