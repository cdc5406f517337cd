/**
 * Who may open a socket in a room, decided before the upgrade: a display name within
 * MAX_NAME_CHARS characters as people see them (readableName.ts), and a seat. A room seats MAX_CONNECTIONS_PER_ROOM sockets, editors and
 * observers together; observers stop RESERVED_SEATS short, so they can never lock the
 * interviewer and the candidate out of their own interview (hole 7). A refusal says so
 * in words a person can act on.
 *
 * @example
 * const admitted = admit(principal, url, openSockets);
 * if (!admitted.ok) return refusalResponse(admitted.refusal);
 */
import type { Principal } from '../auth/principal';
import { MAX_CONNECTIONS_PER_ROOM, RESERVED_SEATS } from '../limits';
import { displayNameProblem, readableName } from '../readableName';
import { ok, type Result, refused } from '../refusals';
import type { Attachment } from './connections';

/** The sockets a role may fill: observers leave the reserved seats free. */
export function seatsFor(role: Principal['role']): number {
  return role === 'observer' ? MAX_CONNECTIONS_PER_ROOM - RESERVED_SEATS : MAX_CONNECTIONS_PER_ROOM;
}

/** The new socket's attachment, or why it may not join. */
export function admit(principal: Principal, url: URL, openSockets: number): Result<Attachment> {
  const name = readableName(url.searchParams.get('name') ?? '') || 'Guest';
  const tooLong = displayNameProblem(name);
  if (tooLong) return refused('bad_request', `name: ${tooLong}.`);
  const seats = seatsFor(principal.role);
  if (openSockets >= seats) {
    const message =
      principal.role === 'observer'
        ? `This room is full: it seats ${seats} observers (${RESERVED_SEATS} more seats are kept for the interviewer and the candidate). Close a tab or try again later.`
        : `This room is full: it seats ${seats} connections at once. Close a tab or try again later.`;
    return refused('room_full', message, 30);
  }
  return ok({
    connId: crypto.randomUUID(),
    role: principal.role,
    // Kept so the socket can be closed when the account loses its access (accounts/revocation.ts).
    ...(principal.kind === 'account' ? { accountId: principal.accountId } : {}),
    name,
    events: url.searchParams.get('events') === '1',
    joinedAt: Date.now(),
    awareness: [],
    person: (url.searchParams.get('person') ?? '').slice(0, 64) || undefined,
  });
}
