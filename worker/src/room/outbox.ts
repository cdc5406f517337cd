/**
 * Everything that leaves the room for its sockets, and what the room remembers about
 * sending: Yjs frames (with the bounded send queues of backlog.ts), JSON room messages
 * (only to sockets that asked for them), and which sockets it has closed. Every send
 * goes through `reaches` (audience.ts), so content meant for some roles has one path.
 *
 * @example
 * const outbox = new Outbox(() => ctx.getWebSockets(), () => room);
 * outbox.frame(frame, EVERYONE, { broadcast: true, whole: true });
 * outbox.message({ type: 'presence', peers }, EVERYONE);
 */
import * as Y from 'yjs';
import { MAX_CONNECTIONS_PER_ROOM } from '../limits';
import { type Audience, reaches } from './audience';
import { encodeAwarenessUpdate } from './awareness';
import { Backlogs } from './backlog';
import { attachmentOf, identityOf, isOpen } from './connections';
import type { ServerMessage } from './messages';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
import type { Room } from './room';

export class Outbox {
  readonly #sockets: () => WebSocket[];
  readonly #room: () => Room;
  /** What each socket was sent and has not shown it took (backlog.ts). */
  readonly #backlogs = new Backlogs();
  /** Sockets this object closed (or saw close) since it woke: what still arrives from them is dropped. */
  readonly #closed = new Set<string>();

  constructor(sockets: () => WebSocket[], room: () => Room) {
    this.#sockets = sockets;
    this.#room = room;
  }

  /** A socket joined (after its welcome frames). */
  opened(connId: string): void {
    this.#backlogs.opened(connId);
  }

  /** A socket is closed (by the room or its client): what it still sends is dropped. */
  closed(connId: string): void {
    this.#closed.add(connId);
    this.#backlogs.forget(connId);
    // Bounded: a socket the runtime no longer lists can deliver nothing more.
    if (this.#closed.size <= 2 * MAX_CONNECTIONS_PER_ROOM) return;
    const listed = new Set(this.#sockets().map((ws) => attachmentOf(ws).connId));
    for (const id of this.#closed) if (!listed.has(id)) this.#closed.delete(id);
  }

  wasClosed(connId: string): boolean {
    return this.#closed.has(connId);
  }

  /**
   * The one way a binary (Yjs) frame leaves the room. A broadcast skips sockets held
   * for being too far behind (backlog.ts); a frame after which the recipient has the
   * whole document may be followed by a probe.
   */
  frame(frame: Uint8Array, audience: Audience, { broadcast = false, whole = false } = {}): void {
    let stateVector: Uint8Array | null = null;
    for (const ws of this.#sockets()) {
      if (!isOpen(ws)) continue;
      const identity = identityOf(ws);
      if (!reaches(audience, identity)) continue;
      const { connId } = identity;
      if (broadcast && this.#backlogs.held(connId)) continue;
      ws.send(frame);
      if (this.#backlogs.sent(connId, frame.byteLength, whole)) {
        stateVector ??= Y.encodeStateVector(this.#room().doc);
        this.#probe(ws, connId, stateVector);
      }
    }
  }

  /** The one way a JSON room message leaves the room: only to sockets that asked for them. */
  message(message: ServerMessage, audience: Audience): void {
    const text = JSON.stringify(message);
    for (const ws of this.#sockets()) {
      if (!isOpen(ws)) continue;
      const identity = identityOf(ws);
      if (identity.events && reaches(audience, identity)) ws.send(text);
    }
  }

  /** A client's step 2 answered its oldest probe; one held for its backlog catches up with one diff. */
  answered(ws: WebSocket, connId: string): void {
    const from = this.#backlogs.answered(connId);
    if (!from) return;
    const room = this.#room();
    const diff = encodeUpdate(Y.encodeStateAsUpdate(room.doc, from));
    ws.send(diff);
    const present = room.awareness.all();
    const presence = present.length > 0 ? encodeAwareness(encodeAwarenessUpdate(present)) : null;
    if (presence) ws.send(presence);
    if (this.#backlogs.sent(connId, diff.byteLength + (presence?.byteLength ?? 0), true)) {
      this.#probe(ws, connId, Y.encodeStateVector(room.doc));
    }
  }

  /** A sync step 1 with the room's state vector: the client's step 2 answer says it read up to here. */
  #probe(ws: WebSocket, connId: string, stateVector: Uint8Array): void {
    const probe = encodeSyncStep1(stateVector);
    ws.send(probe);
    this.#backlogs.probed(connId, stateVector, probe.byteLength);
  }
}
