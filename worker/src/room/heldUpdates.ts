/**
 * Updates that arrived before one they depend on (the runtime may reorder a client's
 * frames), per connection. They wait here, not in the document's pending store, so the
 * document never holds a struct its peers cannot get. A connection's go when it leaves:
 * at once when the room closed it, HELD_AFTER_LEAVE_MS later when its client did, since
 * frames it sent before closing can still arrive after the close (SYNC11). The bound is
 * for the whole room; what departed clients left gives way first.
 *
 * @example
 * const refusal = held.hold(sender, update, now);   // null: it waits
 * for (const h of held.takeReached(doc)) integrate(h.sender, h.update);
 */
import * as Y from 'yjs';
import { HELD_AFTER_LEAVE_MS, MAX_HELD_UPDATE_BYTES, MAX_HELD_UPDATES } from '../limits';

export interface HeldSender {
  connId: string;
  /** A frame delivered after its client's own close. */
  left?: boolean;
}

export interface Held<S extends HeldSender> {
  sender: S;
  update: Uint8Array;
  /** Where each client's structs in it start: it can only fit once the room has reached these. */
  from: Map<number, number>;
}

export class HeldUpdates<S extends HeldSender> {
  readonly #now: () => number;
  readonly #held = new Map<string, Held<S>[]>();
  /** When each connection whose client closed left, for HELD_AFTER_LEAVE_MS. */
  readonly #departed = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Keeps `update` until what it depends on arrives; false when the room's bound refuses it (the sender's go too). */
  hold(sender: S, update: Uint8Array): boolean {
    this.#dropDeparted();
    // A late frame always waits a bounded time: from its client's close, or, when this
    // document never saw the close (it was let go and loaded again since), from now.
    if (sender.left && !this.#departed.has(sender.connId)) this.#departed.set(sender.connId, this.#now());
    // Bounded for the whole room: every new update retries them all, so the bound is
    // also the most one message can cost in retries.
    const over = () => {
      const all = [...this.#held.values()].flat();
      const bytes = all.reduce((n, h) => n + h.update.byteLength, update.byteLength);
      return all.length >= MAX_HELD_UPDATES || bytes > MAX_HELD_UPDATE_BYTES;
    };
    // A client that filled the bound and closed must not deny the writers still here.
    for (const connId of this.#departed.keys()) {
      if (!over()) break;
      if (connId !== sender.connId) this.#held.delete(connId);
    }
    if (over()) {
      this.#held.delete(sender.connId);
      return false;
    }
    const list = this.#held.get(sender.connId) ?? [];
    list.push({ sender, update, from: Y.parseUpdateMeta(update).from });
    this.#held.set(sender.connId, list);
    return true;
  }

  /** A connection left; `by` the room (a refusal: its held updates go now) or its client (they wait). */
  left(connId: string, by: 'client' | 'room'): void {
    this.#dropDeparted();
    if (by === 'room') {
      this.#held.delete(connId);
      this.#departed.delete(connId);
    } else if (!this.#departed.has(connId)) {
      // Recorded even with nothing held yet: the close may come before frames that will be
      // held. A second close (an error, then the close) does not extend the wait.
      this.#departed.set(connId, this.#now());
    }
  }

  get size(): number {
    return this.#held.size;
  }

  holding(): boolean {
    this.#dropDeparted();
    return this.#held.size > 0;
  }

  /** When what departed clients left can no longer be completed, or null when none waits. */
  until(): number | null {
    this.#dropDeparted();
    let until: number | null = null;
    for (const [connId, at] of this.#departed) {
      if (this.#held.has(connId)) until = Math.min(until ?? Number.POSITIVE_INFINITY, at + HELD_AFTER_LEAVE_MS + 1);
    }
    return until;
  }

  /**
   * Takes out, one at a time, the updates whose start `doc` has reached, in clock order:
   * checked as the caller integrates each, so a reordered run of one client's keystrokes
   * fits in one pass (a lookup each, no decode). The caller holds again what must still wait.
   */
  *takeReached(doc: Y.Doc): Generator<Held<S>> {
    const reached = (h: Held<S>) => [...h.from].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
    const first = (h: Held<S>) => Math.min(...h.from.values());
    for (const h of [...this.#held.values()].flat().sort((a, b) => first(a) - first(b))) {
      if (!reached(h)) continue;
      const list = this.#held.get(h.sender.connId)?.filter((other) => other !== h) ?? [];
      if (list.length > 0) this.#held.set(h.sender.connId, list);
      else this.#held.delete(h.sender.connId);
      yield h;
    }
  }

  /** Held updates of clients that closed more than HELD_AFTER_LEAVE_MS ago can never fit: they go. */
  #dropDeparted(): void {
    for (const [connId, at] of this.#departed) {
      if (this.#now() - at <= HELD_AFTER_LEAVE_MS) continue;
      this.#held.delete(connId);
      this.#departed.delete(connId);
    }
  }
}
