/**
 * The room's open sockets and what each one is, kept in the WebSocket attachment so
 * it survives hibernation (the object is evicted, the sockets stay open).
 */
import type { Role } from '../auth/roles';
import { MAX_ATTACHED_AWARENESS_BYTES, MAX_ATTACHED_STATE_VECTOR_BYTES } from '../limits';
import type { AwarenessEntry } from './awareness';
import { utf8Bytes } from './docSize';
import type { Peer } from './messages';

export interface Attachment {
  connId: string;
  role: Role;
  /** The signed-in account that opened it (a ticket its session bought); absent for a link's socket. */
  accountId?: string;
  name: string;
  /** Asked for JSON room messages (`&events=1`); stock Yjs providers do not. */
  events: boolean;
  joinedAt: number;
  /** One id per browser (`&person=`), so one person in two tabs is listed once. */
  person?: string;
  /** The connection's live presence, so a woken room can relay it to newcomers. */
  awareness: AwarenessEntry[];
  /**
   * Present while its bounded queue holds it (backlog.ts, SYNC14): the state vector it was
   * sent up to, base64, so a woken room releases it with the diff from there.
   */
  heldFrom?: string;
  /**
   * When a message was last heard on it, saved at most every PRESENCE_HEARD_SAVE_MS
   * (presenceSweep.ts), so a room that hibernated still knows who went silent.
   */
  heardAt?: number;
}

export function attachmentOf(ws: WebSocket): Attachment {
  return ws.deserializeAttachment() as Attachment;
}

/** Who a socket is, which never changes while it is open. */
export type Identity = Pick<Attachment, 'connId' | 'role' | 'name' | 'events'>;

const identities = new WeakMap<WebSocket, Identity>();

/**
 * A socket's identity, read from its attachment once and then kept in memory (a woken
 * object reads it again): every broadcast asks it of every socket and every frame asks it
 * of its sender, and deserializing an attachment (which also holds presence) for each of
 * 50 peers on every keystroke costs more than the rest of the broadcast.
 */
export function identityOf(ws: WebSocket): Identity {
  let identity = identities.get(ws);
  if (!identity) {
    const { connId, role, name, events } = attachmentOf(ws);
    identity = { connId, role, name, events };
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

/** An empty document's state vector: a diff from it is the whole document. */
const EVERYTHING = new Uint8Array([0]);

/** Keeps (or, with null, clears) where a held socket stands, across hibernation. */
export function saveHeld(ws: WebSocket, stateVector: Uint8Array | null): void {
  const { heldFrom: _, ...rest } = attachmentOf(ws);
  if (!stateVector) {
    ws.serializeAttachment(rest);
    return;
  }
  const kept = stateVector.byteLength <= MAX_ATTACHED_STATE_VECTOR_BYTES ? stateVector : EVERYTHING;
  ws.serializeAttachment({ ...rest, heldFrom: btoa(String.fromCharCode(...kept)) });
}

/** The state vector a held socket stands at (see saveHeld), or null when it is not held. */
export function heldFromOf(attachment: Attachment): Uint8Array | null {
  if (attachment.heldFrom === undefined) return null;
  return Uint8Array.from(atob(attachment.heldFrom), (char) => char.charCodeAt(0));
}

export function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}

/** A close reason's limit: a control frame's 125 bytes less the code's two (RFC 6455 §5.5). */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * A close code and reason as they may go in a frame: a code a frame may not carry
 * (1005/1006 say that none came; 1004, 1015, anything outside 1000–4999) becomes 1000, and
 * workerd's close() throws on it; the reason is cut to 123 bytes of UTF-8, whole characters
 * (a client's bad bytes reach us as U+FFFD, three bytes each, so its reason can grow).
 */
export function closeAnswer(code: number, reason: string): { code: number; reason: string } {
  const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  let cut = '';
  let bytes = 0;
  for (const char of reason) {
    bytes += utf8Bytes(char);
    if (bytes > MAX_CLOSE_REASON_BYTES) break;
    cut += char;
  }
  return { code: sendable ? code : 1000, reason: cut };
}

/**
 * The one way the room closes a socket: sends its close frame unless one was sent. When
 * the client closed first (from `webSocketClose`), this is the answer RFC 6455 §5.5.1 asks
 * for: the hibernation API leaves it to us on every compatibility date, and unanswered a
 * client waits out its own timeout (10–30 s) and reports 1006 (SYNC20).
 */
export function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.CLOSED) return;
  const answer = closeAnswer(code, reason);
  try {
    ws.close(answer.code, answer.reason);
  } catch {
    // The room had closed it already: that close frame was the answer.
  }
}

/** The open sockets that any of `accountIds` opened; a link's socket is never one of them. */
export function socketsOfAccounts(sockets: WebSocket[], accountIds: readonly string[]): WebSocket[] {
  return sockets.filter((ws) => {
    const { accountId } = attachmentOf(ws);
    return isOpen(ws) && accountId !== undefined && accountIds.includes(accountId);
  });
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

/** Saves when a message was last heard on a socket (see Attachment.heardAt). */
export function saveHeard(ws: WebSocket, at: number): void {
  ws.serializeAttachment({ ...attachmentOf(ws), heardAt: at });
}

/**
 * When each open socket was last heard from: its last message (`lastSeen` in memory,
 * else the `heardAt` its attachment kept across hibernation), its last auto-answered
 * "ping" (`pingedAt`, kept by workerd), or its join.
 */
export function lastHeard(
  sockets: WebSocket[],
  lastSeen: ReadonlyMap<string, number>,
  pingedAt: (ws: WebSocket) => number | null,
): { ws: WebSocket; heard: number }[] {
  return sockets.filter(isOpen).map((ws) => {
    const { connId, joinedAt, heardAt } = attachmentOf(ws);
    return { ws, heard: Math.max(joinedAt, heardAt ?? 0, lastSeen.get(connId) ?? 0, pingedAt(ws) ?? 0) };
  });
}
