/**
 * Who is online for `GET /api/rooms/:roomId`: the people list (connections.ts peersOf)
 * with each one's round trip to the room, read from the presence their connection last
 * sent (kept in its socket's attachment, so a room that hibernated still knows it, and
 * the answer loads no document). The client measures it (web/src/room/health.ts) and the
 * room only relays what presence.ts cleaned: null until a client has measured one.
 *
 * @example
 * onlineOf(ctx.getWebSockets()); // → [{ name: 'Ada', role: 'candidate', rttMs: 42 }]
 */
import type { Role } from '../auth/roles';
import type { AwarenessEntry } from './awareness';
import { attachmentOf, isOpen, peersOf } from './connections';
import { cleanRtt } from './presence';

export interface OnlinePerson {
  name: string;
  role: Role;
  /** The person's last measured round trip to the room, in ms; null before the first. */
  rttMs: number | null;
}

export function onlineOf(sockets: WebSocket[]): OnlinePerson[] {
  const rtts = new Map<string, number | null>();
  for (const ws of sockets.filter(isOpen)) {
    const { connId, awareness } = attachmentOf(ws);
    rtts.set(connId, rttOf(awareness));
  }
  return peersOf(sockets).map(({ connId, name, role }) => ({ name, role, rttMs: rtts.get(connId) ?? null }));
}

/** The round trip in a connection's live presence (cleaned again on the way out: it is read as stored). */
export function rttOf(owned: readonly AwarenessEntry[]): number | null {
  for (const { state } of owned) {
    const rttMs = cleanRtt((JSON.parse(state) as { rttMs?: unknown } | null)?.rttMs);
    if (rttMs !== undefined) return rttMs;
  }
  return null;
}
