/**
 * What a signed-in account may be in a room it holds no link to (issue 13): its owner
 * re-opens it as the interviewer, a colleague of the owner's team joins as an observer
 * (never as the interviewer or the candidate), anyone else gets nothing. The worker asks
 * this only when a request carries no link token (auth/principal.ts), so a link keeps
 * meaning exactly what it did; sockets never take a cookie (routes/stub.ts).
 *
 * @example
 * const principal = await accountPrincipal(env.DB, account.id, room.owner_account_id);
 */
import type { Role } from '../../auth/roles';
import { sameTeam } from '../teams/teams';

export interface AccountPrincipal {
  kind: 'account';
  accountId: string;
  role: Role;
}

/** The role an account has in a room owned by `ownerId` (null: an anonymous room), or null. */
export async function accountRole(db: D1Database, accountId: string, ownerId: string | null): Promise<Role | null> {
  if (ownerId === null) return null;
  if (ownerId === accountId) return 'interviewer';
  return (await sameTeam(db, accountId, ownerId)) ? 'observer' : null;
}

/** The principal an account is in a room owned by `ownerId`, or null when it has no role there. */
export async function accountPrincipal(
  db: D1Database,
  accountId: string,
  ownerId: string | null,
): Promise<AccountPrincipal | null> {
  const role = await accountRole(db, accountId, ownerId);
  return role ? { kind: 'account', accountId, role } : null;
}

/** Why a signed-in account was refused a room, in words. */
export const NO_ACCESS =
  'Your account has no access to this interview: open it with its link, or ask its owner to add you to their team.';
