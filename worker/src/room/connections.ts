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
  /** The connection's live presence, so a woken room can relay it to newcomers. */
  awareness: AwarenessEntry[];
}

export function attachmentOf(ws: WebSocket): Attachment {
  return ws.deserializeAttachment() as Attachment;
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

export function peersOf(sockets: WebSocket[]): Peer[] {
  return sockets
    .filter(isOpen)
    .map(attachmentOf)
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map(({ connId, name, role }) => ({ connId, name, role }));
}
