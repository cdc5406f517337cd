/**
 * WebSocket tickets (issue #10 hole 11). A browser cannot put a header on a WebSocket,
 * so instead of the link token in the socket's URL (where logs keep it) the web app
 * buys a ticket with `Authorization: Bearer <token>` and opens `?ticket=…`. A ticket
 * is good for one room, one upgrade and TICKET_TTL_MS; D1 keeps only its hash, and
 * spending it is one DELETE … RETURNING, so two upgrades can never share one. A ticket
 * bought by a signed-in account keeps the account, so its socket does too and can be
 * closed when the account loses its access (accounts/revocation.ts).
 *
 * @example
 * const { ticket, expiresAt } = await issueTicket(env, roomId, principal);
 * const principal = unwrap(await spendTicket(env, roomId, ticket));
 */
import type { Env } from '../env';
import { TICKET_TTL_MS } from '../limits';
import { ok, type Result, refused } from '../refusals';
import type { Principal } from './principal';
import { ROLES, type Role } from './roles';
import { newToken, sha256Hex } from './tokens';

export async function issueTicket(
  env: Env,
  roomId: string,
  principal: Principal,
  now = Date.now(),
): Promise<{ ticket: string; expiresAt: number }> {
  const ticket = newToken();
  const expiresAt = now + TICKET_TTL_MS;
  await env.DB.batch([
    // Spent or not, an expired ticket is of no use: sweep them as new ones are made.
    env.DB.prepare('DELETE FROM ws_tickets WHERE expires_at <= ?').bind(now),
    env.DB.prepare('INSERT INTO ws_tickets (hash, room_id, role, account_id, expires_at) VALUES (?, ?, ?, ?, ?)').bind(
      await sha256Hex(ticket),
      roomId,
      principal.role,
      principal.kind === 'account' ? principal.accountId : null,
      expiresAt,
    ),
  ]);
  return { ticket, expiresAt };
}

/** Spends a ticket for `roomId`: the principal it was bought for, once. */
export async function spendTicket(
  env: Env,
  roomId: string,
  ticket: string,
  now = Date.now(),
): Promise<Result<Principal>> {
  const row = await env.DB.prepare(
    'DELETE FROM ws_tickets WHERE hash = ? AND room_id = ? AND expires_at > ? RETURNING role, account_id',
  )
    .bind(await sha256Hex(ticket), roomId, now)
    .first<{ role: string; account_id: string | null }>();
  if (!row || !(ROLES as readonly string[]).includes(row.role)) {
    return refused('unauthorized', 'This ticket is not valid (used, expired or for another room): get a new one.');
  }
  const role = row.role as Role;
  return ok(row.account_id === null ? { kind: 'link', role } : { kind: 'account', accountId: row.account_id, role });
}
