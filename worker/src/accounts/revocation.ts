/**
 * When an account loses access, its open room sockets close too (SPEC MINE6, ACCT6). A
 * socket opened with a ticket that an account's session bought remembers the account
 * (auth/tickets.ts, room/connections.ts). When the account leaves its team, or its
 * sessions end, every room where it had that access closes those sockets (the room's and
 * the panel's) with CLOSE_CODES.accessRevoked, and its unspent tickets for those rooms
 * are deleted.
 *
 * Every room not yet deleted is asked, ended ones too (SPEC MINE10): after the end the
 * panel still takes its notes and scorecard and the room still shows its code, so a
 * socket opened then (or a ticket bought then) would otherwise outlive the access. One
 * RPC to each room object and its panel. It is best-effort: a room that cannot be reached is logged (room id and
 * error, nothing secret) and the user's request still succeeds. Sockets opened with a
 * link are never touched, because the link still opens the room.
 *
 * @example
 * const { left } = unwrap(await leaveTeam(env.DB, accountId));
 * await teamLeft(env, accountId, left);
 */
import type { Env } from '../env';
import { panelStub } from '../routes/panel';
import { roomStub } from '../routes/stub';

/** Why the access went, finishing "You no longer have access to this room: …" (the close reason, ≤ 123 bytes). */
export const REVOKED = {
  leftTeam: 'you left the team that owns it.',
  ownerLeft: 'its owner left your team.',
  signedOut: 'your account signed out everywhere.',
  passwordChanged: 'the password of your account was changed.',
  identityUnlinked: 'a sign-in method of your account was unlinked.',
} as const;

/** The account left `teamId`: it loses its colleagues' rooms, and they lose its rooms. */
export async function teamLeft(env: Env, accountId: string, teamId: string): Promise<void> {
  const { results } = await env.DB.prepare('SELECT account_id FROM team_members WHERE team_id = ?')
    .bind(teamId)
    .all<{ account_id: string }>();
  const colleagues = results.map((row) => row.account_id);
  if (colleagues.length === 0) return; // the team went with its last member: nobody else had access
  await Promise.all([
    revoke(env, await roomsOf(env.DB, colleagues), [accountId], REVOKED.leftTeam),
    revoke(env, await roomsOf(env.DB, [accountId]), colleagues, REVOKED.ownerLeft),
  ]);
}

/** The account's sessions ended: its sockets close in the rooms it owns and its team owns. */
export async function sessionsEnded(env: Env, accountId: string, why: string): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT account_id FROM team_members
     WHERE team_id = (SELECT team_id FROM team_members WHERE account_id = ?) AND account_id <> ?`,
  )
    .bind(accountId, accountId)
    .all<{ account_id: string }>();
  const owners = [accountId, ...results.map((row) => row.account_id)];
  await revoke(env, await roomsOf(env.DB, owners), [accountId], why);
}

/** The rooms the owners hold that can still have sockets: active and ended (a deleted one has none). */
async function roomsOf(db: D1Database, ownerIds: string[]): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT id FROM rooms WHERE status <> 'deleted' AND owner_account_id IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify(ownerIds))
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** Deletes the accounts' unspent tickets for the rooms and has each room (and its panel) close their sockets. */
async function revoke(env: Env, roomIds: string[], accountIds: string[], why: string): Promise<void> {
  if (roomIds.length === 0) return;
  const reason = `You no longer have access to this room: ${why}`;
  const done = await Promise.allSettled([
    env.DB.prepare(
      `DELETE FROM ws_tickets
       WHERE room_id IN (SELECT value FROM json_each(?)) AND account_id IN (SELECT value FROM json_each(?))`,
    )
      .bind(JSON.stringify(roomIds), JSON.stringify(accountIds))
      .run(),
    ...roomIds.flatMap((roomId) => [
      roomStub(env, roomId).revokeAccounts(accountIds, reason),
      panelStub(env, roomId).revokeAccounts(accountIds, reason),
    ]),
  ]);
  done.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const where = i === 0 ? 'deleting the tickets' : `closing the sockets of room ${roomIds[Math.floor((i - 1) / 2)]}`;
    console.error(`revoking access of ${accountIds.length} account(s): ${where} failed`, String(result.reason));
  });
}
