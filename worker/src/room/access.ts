/**
 * Who may do what to a room, asked on every RPC and socket the room object takes: the
 * room must exist, the principal's role must allow the action (auth/roles.ts), and for
 * a change, the interview must still be on.
 *
 * @example
 * const auth = authorizeActive(record, principal, 'clock', 'its clock is stopped');
 * if (!auth.ok) return auth;
 */
import type { Principal } from '../auth/principal';
import { type Action, can, cannot } from '../auth/roles';
import { ok, type Result, refused } from '../refusals';
import type { RoomRecord } from './roomMeta';

export function authorize(record: RoomRecord | null, principal: Principal, action: Action): Result<RoomRecord> {
  if (!record) return refused('not_found');
  if (!can(principal.role, action)) return refused('forbidden', cannot(principal.role, action));
  return ok(record);
}

/** As `authorize`, and the room must not have ended: `stays` says what of it is kept (for the refusal). */
export function authorizeActive(
  record: RoomRecord | null,
  principal: Principal,
  action: Action,
  stays: string,
): Result<RoomRecord> {
  const auth = authorize(record, principal, action);
  if (auth.ok && auth.value.status !== 'active') return refused('room_ended', `The interview has ended; ${stays}.`);
  return auth;
}
