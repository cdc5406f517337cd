/**
 * Puts one connection's text frames back in the order they were sent (SPEC SYNC19).
 * workerd was seen handing a room a socket's frames out of order when they were sent in
 * one instant (keystrokes into the terminal: `; do` reached the shell as ` ;od`), and
 * keystrokes and typed lines must reach the program in the order typed. So a client numbers
 * its text frames on each socket from 0 (`seq`), and the room hands them on in that order,
 * holding a frame that came early until the ones before it arrive.
 *
 * A frame without `seq` is handed on at once (clients that do not number theirs). A frame
 * numbered below the next expected one is late, not repeated (a socket never repeats a
 * frame): it is handed on at once too, which only happens when the room woke from
 * hibernation between two frames and forgot where the connection was. What is held is
 * bounded per connection (MAX_HELD_FRAMES, MAX_HELD_BYTES): a frame past either bound
 * hands on everything held, in order, and the count goes on after it. A gap that never
 * fills (a client skipping numbers) costs that client its own order, never a frame, and
 * nobody else anything.
 *
 * @example
 * inOrder.opened(connId);                               // a new socket counts from 0
 * const ready = inOrder.take(connId, 3, frame, bytes); // [] (held) or [frame, …] in order
 */
import { MAX_HELD_BYTES, MAX_HELD_FRAMES } from '../limits';

interface Connection<T> {
  next: number;
  held: Map<number, { item: T; bytes: number }>;
  heldBytes: number;
}

export class InOrder<T> {
  readonly #connections = new Map<string, Connection<T>>();

  /** A socket joined: its frames are numbered from 0. */
  opened(connId: string): void {
    this.#connections.set(connId, { next: 0, held: new Map(), heldBytes: 0 });
  }

  /** The frames to hand on now, in order (none while `item` waits for an earlier one). */
  take(connId: string, seq: number | null, item: T, bytes: number): T[] {
    if (seq === null) return [item];
    let connection = this.#connections.get(connId);
    if (!connection) {
      // Not seen since the room woke up: the first numbered frame sets the count.
      connection = { next: seq, held: new Map(), heldBytes: 0 };
      this.#connections.set(connId, connection);
    }
    if (seq < connection.next) return [item];
    if (seq > connection.next) {
      const full = connection.held.size >= MAX_HELD_FRAMES || connection.heldBytes + bytes > MAX_HELD_BYTES;
      if (!full && !connection.held.has(seq)) {
        connection.held.set(seq, { item, bytes });
        connection.heldBytes += bytes;
        return [];
      }
      return this.#handOnAll(connection, seq, item);
    }
    connection.next += 1;
    return [item, ...this.#handOnFrom(connection)];
  }

  /** The held frames that now follow on, in order. */
  #handOnFrom(connection: Connection<T>): T[] {
    const ready: T[] = [];
    for (let held = connection.held.get(connection.next); held; held = connection.held.get(connection.next)) {
      connection.held.delete(connection.next);
      connection.heldBytes -= held.bytes;
      ready.push(held.item);
      connection.next += 1;
    }
    return ready;
  }

  /** Past the bounds: everything held and `item`, by number; the count goes on after the last. */
  #handOnAll(connection: Connection<T>, seq: number, item: T): T[] {
    const all = [...connection.held.entries()].map(([n, held]) => ({ n, item: held.item }));
    all.push({ n: seq, item });
    all.sort((a, b) => a.n - b.n);
    connection.held.clear();
    connection.heldBytes = 0;
    connection.next = Math.max(connection.next, all[all.length - 1]?.n ?? seq) + 1;
    return all.map((entry) => entry.item);
  }

  /** The connection closed: nothing more of it can arrive in order. */
  forget(connId: string): void {
    this.#connections.delete(connId);
  }
}
