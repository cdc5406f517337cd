/**
 * Everything that leaves the room for its sockets, and what the room remembers about
 * sending: Yjs frames (with the bounded send queues of backlog.ts), JSON room messages
 * (only to sockets that asked for them), and which sockets it has closed. Every send
 * goes through `reaches` (audience.ts), so content meant for some roles has one path,
 * and every send first has the room write what waits in its log (`store`, SYNC15): what
 * anyone is sent is stored first, and the output gate holds the send until it is.
 *
 * @example
 * const outbox = new Outbox(() => ctx.getWebSockets(), () => room, () => room.flush());
 * outbox.frame(frame, EVERYONE, { broadcast: true, whole: true });
 * outbox.message({ type: 'presence', peers }, EVERYONE);
 */
import * as Y from 'yjs';
import { MAX_CONNECTIONS_PER_ROOM } from '../limits';
import { type Audience, reaches } from './audience';
import { encodeAwarenessUpdate } from './awareness';
import { Backlogs } from './backlog';
import { attachmentOf, heldFromOf, identityOf, isOpen, saveHeld } from './connections';
import type { ServerMessage } from './messages';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol';
import type { Room } from './room';

export type ClosedBy = 'room' | 'client';

export class Outbox {
  readonly #sockets: () => WebSocket[];
  readonly #room: () => Room;
  readonly #store: () => void;
  /** Counts each frame sent, per recipient (roomFigures.ts). */
  readonly #sent: (bytes: number) => void;
  /** What each socket was sent and has not shown it took (backlog.ts). */
  readonly #backlogs = new Backlogs();
  /**
   * Sockets closed since this object woke, and who closed them: what still arrives from
   * one the room closed is dropped; one its client closed may still deliver its last edits.
   */
  readonly #closed = new Map<string, ClosedBy>();
  /**
   * The runtime's list of the room's sockets, asked once and again only after a socket
   * joined or closed: asking for it on every frame cost a busy room about 6 % of its CPU
   * (bench:room-cpu). A socket closed meanwhile stays listed and is skipped as not open.
   */
  #listed: WebSocket[] | null = null;

  constructor(
    sockets: () => WebSocket[],
    room: () => Room,
    store: () => void,
    sent: (bytes: number) => void = () => {},
  ) {
    this.#sockets = sockets;
    this.#room = room;
    this.#store = store;
    this.#sent = sent;
  }

  /** A socket joined (after its welcome frames). */
  opened(connId: string): void {
    this.#listed = null;
    this.#backlogs.opened(connId);
  }

  /** A socket is closed, by the room or by its client (a room's close is never undone). */
  closed(connId: string, by: ClosedBy = 'room'): void {
    this.#listed = null;
    if (this.#closed.get(connId) !== 'room') this.#closed.set(connId, by);
    this.#backlogs.forget(connId);
    // Bounded: a socket the runtime no longer lists can deliver nothing more.
    if (this.#closed.size <= 2 * MAX_CONNECTIONS_PER_ROOM) return;
    const listed = new Set(this.#sockets().map((ws) => attachmentOf(ws).connId));
    for (const id of this.#closed.keys()) if (!listed.has(id)) this.#closed.delete(id);
  }

  /** Who closed this socket, or null while it is open. */
  wasClosed(connId: string): ClosedBy | null {
    return this.#closed.get(connId) ?? null;
  }

  /**
   * The one way a binary (Yjs) frame leaves the room. A broadcast skips sockets held
   * for being too far behind (backlog.ts); a frame after which the recipient has the
   * whole document may be followed by a probe.
   */
  frame(frame: Uint8Array, audience: Audience, { broadcast = false, whole = false } = {}): void {
    this.#store();
    let stateVector: Uint8Array | null = null;
    for (const ws of this.#all()) {
      if (!isOpen(ws)) continue;
      const identity = identityOf(ws);
      if (!reaches(audience, identity)) continue;
      const { connId } = identity;
      this.#know(ws, connId);
      if (broadcast && this.#backlogs.held(connId)) continue;
      ws.send(frame);
      this.#sent(frame.byteLength);
      const after = this.#backlogs.sent(connId, frame.byteLength, whole);
      if (!after.probe && !after.held) continue;
      stateVector ??= Y.encodeStateVector(this.#room().doc);
      // Everything up to this state vector was just sent: where a woken room resumes it.
      if (after.held) saveHeld(ws, stateVector);
      if (after.probe) this.#probe(ws, connId, stateVector);
    }
  }

  /** The one way a JSON room message leaves the room: only to sockets that asked for them. */
  message(message: ServerMessage, audience: Audience): void {
    this.#store();
    const text = JSON.stringify(message);
    for (const ws of this.#all()) {
      if (!isOpen(ws)) continue;
      const identity = identityOf(ws);
      if (!identity.events || !reaches(audience, identity)) continue;
      ws.send(text);
      this.#sent(text.length);
    }
  }

  /** A client's step 2 answered its oldest probe; one held for its backlog catches up with one diff. */
  answered(ws: WebSocket, connId: string): void {
    this.#know(ws, connId);
    const from = this.#backlogs.answered(connId);
    if (!from) return;
    saveHeld(ws, null);
    this.#store();
    const room = this.#room();
    const diff = encodeUpdate(Y.encodeStateAsUpdate(room.doc, from));
    ws.send(diff);
    const present = room.awareness.all();
    const presence = present.length > 0 ? encodeAwareness(encodeAwarenessUpdate(present)) : null;
    if (presence) ws.send(presence);
    const after = this.#backlogs.sent(connId, diff.byteLength + (presence?.byteLength ?? 0), true);
    if (!after.probe && !after.held) return;
    const stateVector = Y.encodeStateVector(room.doc);
    if (after.held) saveHeld(ws, stateVector);
    if (after.probe) this.#probe(ws, connId, stateVector);
  }

  #all(): WebSocket[] {
    this.#listed ??= this.#sockets();
    return this.#listed;
  }

  /** A socket this object has no account of (it woke) is restored from its attachment, once. */
  #know(ws: WebSocket, connId: string): void {
    if (!this.#backlogs.known(connId)) this.#backlogs.restore(connId, heldFromOf(attachmentOf(ws)));
  }

  /** A sync step 1 with the room's state vector: the client's step 2 answer says it read up to here. */
  #probe(ws: WebSocket, connId: string, stateVector: Uint8Array): void {
    const probe = encodeSyncStep1(stateVector);
    ws.send(probe);
    this.#backlogs.probed(connId, stateVector, probe.byteLength);
  }
}
