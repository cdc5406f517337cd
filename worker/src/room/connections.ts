/**
 * The room's open sockets and what each one is, kept in the WebSocket attachment so
 * it survives hibernation (the object is evicted, the sockets stay open).
 */
import type { Role } from '../auth/roles';
import { MAX_ATTACHED_AWARENESS_BYTES } from '../limits';
import type { AwarenessEntry } from './awareness';
import type { Peer } from './messages';

export interface Attachment {
  connId: string;
  role: Role;
  name: string;
  /** Asked for JSON room messages (`&events=1`); stock Yjs providers do not. */
  events: boolean;
  joinedAt: number;
  /** One id per browser (`&person=`), so one person in two tabs is listed once. */
  person?: string;
  /** The connection's live presence, so a woken room can relay it to newcomers. */
  awareness: AwarenessEntry[];
}

export function attachmentOf(ws: WebSocket): Attachment {
  return ws.deserializeAttachment() as Attachment;
}

/** Who a socket is, which never changes while it is open. */
export type Identity = Pick<Attachment, 'connId' | 'role' | 'events'>;

const identities = new WeakMap<WebSocket, Identity>();

/**
 * A socket's identity, read from its attachment once and then kept in memory (a woken
 * object reads it again): every broadcast asks it of every socket, and deserializing an
 * attachment (which also holds presence) for each of 50 peers on every keystroke costs
 * more than the rest of the broadcast.
 */
export function identityOf(ws: WebSocket): Identity {
  let identity = identities.get(ws);
  if (!identity) {
    const { connId, role, events } = attachmentOf(ws);
    identity = { connId, role, events };
    identities.set(ws, identity);
  }
  return identity;
}

export function saveAwareness(ws: WebSocket, owned: AwarenessEntry[]): void {
  const size = owned.reduce((sum, entry) => sum + entry.state.length, 0);
  // An oversized state is still relayed live; it just is not kept across hibernation.
  const awareness = size <= MAX_ATTACHED_AWARENESS_BYTES ? owned : [];
  ws.serializeAttachment({ ...attachmentOf(ws), awareness });
}

export function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}

/** Who is here: one entry per person and role (their first tab), in order of arrival. */
export function peersOf(sockets: WebSocket[]): Peer[] {
  const seen = new Set<string>();
  return sockets
    .filter(isOpen)
    .map(attachmentOf)
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .filter(({ person, role, connId }) => {
      const who = `${role}:${person ?? connId}`;
      if (seen.has(who)) return false;
      seen.add(who);
      return true;
    })
    .map(({ connId, name, role }) => ({ connId, name, role }));
}

/**
 * The sockets nothing has been heard from since `before`: no message (`lastSeen`,
 * kept in memory) and no auto-answered "ping" (`pingedAt`, kept by workerd across
 * hibernation). A socket unknown to memory (the object woke up) counts from `wokeAt`.
 */
export function silentSockets(
  sockets: WebSocket[],
  lastSeen: ReadonlyMap<string, number>,
  pingedAt: (ws: WebSocket) => number | null,
  wokeAt: number,
  before: number,
): WebSocket[] {
  return sockets.filter(isOpen).filter((ws) => {
    const { connId, joinedAt } = attachmentOf(ws);
    const heard = Math.max(joinedAt, lastSeen.get(connId) ?? wokeAt, pingedAt(ws) ?? 0);
    return heard < before;
  });
}
