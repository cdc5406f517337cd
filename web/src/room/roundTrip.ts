/**
 * How far behind the room is, for this page: the time from a sync step 1 we send to
 * the room's step 2 answer (worker/src/room/room.ts answers every step 1 with one, in
 * order, after everything it received before). It goes through the room's own message
 * queue, unlike `ping`, which the runtime answers without waking the room, so it grows
 * when the room is slow to take our edits or the network is slow to carry them.
 *
 * Past CATCHING_UP_MS, or with an answer outstanding that long, the page says it is
 * catching up; the next answer under it clears that.
 *
 * Probes go only while the room is in use (an edit or a cursor move, ours or someone's,
 * in the last ACTIVE_MS): a step 1 wakes the room's Durable Object, which otherwise
 * sleeps between messages (`ping` does not wake it), and a quiet room has nothing to be
 * late with.
 *
 * @example
 * const trip = new RoundTrip(doc, (catchingUp) => render(catchingUp));
 * trip.touch(); // on every document or presence change
 * trip.tick(ws); // every TICK_MS while the socket is open and synced
 * trip.received(ws, data); // every binary frame
 */
import { encodeSyncStep1 } from '@codesync/worker/protocol';
import * as Y from 'yjs';

/** Past this round trip, edits from others arrive late enough for people to notice. */
export const CATCHING_UP_MS = 1_000;
/** How often a step 1 is sent: each costs the room one diff against our state vector. */
export const PROBE_EVERY_MS = 2_000;
/** How often the outstanding probe is looked at (to notice a late answer before it comes). */
export const TICK_MS = 250;
/** How long after the last change the room counts as in use. */
export const ACTIVE_MS = 10_000;

export class RoundTrip {
  readonly #doc: Y.Doc;
  readonly #onChange: (catchingUp: boolean) => void;
  #socket: WebSocket | null = null;
  #sentAt: number | null = null;
  #lastSentAt = 0;
  #catchingUp = false;
  #lastActivity = -Infinity;

  constructor(doc: Y.Doc, onChange: (catchingUp: boolean) => void) {
    this.#doc = doc;
    this.#onChange = onChange;
  }

  /** The room is in use: something changed in the document or in presence. */
  touch(): void {
    this.#lastActivity = performance.now();
  }

  /** Sends a probe when one is due; says "catching up" once the outstanding one is late. */
  tick(ws: WebSocket): void {
    if (ws !== this.#socket) this.reset(ws); // a new socket: an answer on the old one never comes
    const now = performance.now();
    if (this.#sentAt !== null) {
      if (now - this.#sentAt > CATCHING_UP_MS) this.#set(true);
      return;
    }
    if (now - this.#lastActivity > ACTIVE_MS) {
      this.#set(false); // quiet: nothing arrives late
      return;
    }
    if (now - this.#lastSentAt < PROBE_EVERY_MS) return;
    ws.send(encodeSyncStep1(Y.encodeStateVector(this.#doc)));
    this.#sentAt = now;
    this.#lastSentAt = now;
  }

  /** A binary frame from the room: a sync step 2 answers the outstanding probe. */
  received(ws: WebSocket, data: ArrayBuffer): void {
    if (ws !== this.#socket || this.#sentAt === null) return;
    const bytes = new Uint8Array(data);
    // Message type 0 (sync), sync type 1 (step 2): both one-byte varints.
    if (bytes[0] !== 0 || bytes[1] !== 1) return;
    const took = performance.now() - this.#sentAt;
    this.#sentAt = null;
    this.#set(took > CATCHING_UP_MS);
  }

  /** Forgets the outstanding probe (the socket closed or changed); not catching up until measured again. */
  reset(ws: WebSocket | null = null): void {
    this.#socket = ws;
    this.#sentAt = null;
    this.#lastSentAt = 0;
    this.#set(false);
  }

  #set(catchingUp: boolean): void {
    if (catchingUp === this.#catchingUp) return;
    this.#catchingUp = catchingUp;
    this.#onChange(catchingUp);
  }
}
