/**
 * One merged broadcast per tick. A room of 50 sends 49 frames for every keystroke;
 * workerd's cost is per frame, so updates and presence changes that arrive close together
 * leave as one: the first one of a quiet room is sent at once (no added wait), the rest
 * arriving within BROADCAST_TICK_MS (0: while the room was busy) are merged (Y.mergeUpdates; presence by client id,
 * the newest state winning) and sent once when the tick ends. A peer gets at most one
 * document frame and one presence frame per tick.
 *
 * Durability is unchanged: the room stores every update before it reaches this class,
 * and workerd's output gate holds a send until earlier storage writes are confirmed.
 * The tick is a setTimeout, which keeps the object awake only while one is pending.
 *
 * @example
 * const ticks = new Ticks((frame, audience) => sendFrame(frame, audience), setTimeout);
 * ticks.update(update, connId);
 */
import * as Y from 'yjs';
import { BROADCAST_TICK_MS } from '../limits';
import { type Audience, EVERYONE } from './audience';
import { type AwarenessEntry, encodeAwarenessUpdate } from './awareness';
import { encodeAwareness, encodeUpdate } from './protocol';

/** `whole`: a document frame after which each recipient has been sent the whole document. */
export type Send = (frame: Uint8Array, audience: Audience, whole: boolean) => void;
export type Schedule = (run: () => void, ms: number) => unknown;

/** Who a merged frame goes to: everyone but its one author, or everyone when several wrote. */
function audienceOf(authors: ReadonlySet<string | null>): Audience {
  const [only] = authors;
  return authors.size === 1 && typeof only === 'string' ? { to: 'others', except: only } : EVERYONE;
}

export class Ticks {
  readonly #send: Send;
  readonly #schedule: Schedule;
  #open = false;
  #updates: Uint8Array[] = [];
  readonly #updateAuthors = new Set<string | null>();
  readonly #presence = new Map<number, AwarenessEntry>();
  readonly #presenceAuthors = new Set<string | null>();

  constructor(send: Send, schedule: Schedule) {
    this.#send = send;
    this.#schedule = schedule;
  }

  /** A stored update from `author`: sent now in a quiet room, else merged into the tick. */
  update(update: Uint8Array, author: string): void {
    if (!this.#open) {
      this.#send(encodeUpdate(update), { to: 'others', except: author }, true);
      this.#startTick();
      return;
    }
    this.#updates.push(update);
    this.#updateAuthors.add(author);
  }

  /** Presence entries (`author` null: the room's own, e.g. a peer that left). */
  awareness(entries: readonly AwarenessEntry[], author: string | null): void {
    if (entries.length === 0) return;
    if (!this.#open) {
      this.#send(encodeAwareness(encodeAwarenessUpdate(entries)), audienceOf(new Set([author])), false);
      this.#startTick();
      return;
    }
    for (const entry of entries) {
      // Newest wins: a later clock, or a removal (null) at the same clock.
      const known = this.#presence.get(entry.clientId);
      if (!known || entry.clock > known.clock || (entry.clock === known.clock && entry.state === 'null')) {
        this.#presence.set(entry.clientId, entry);
      }
    }
    this.#presenceAuthors.add(author);
  }

  /** Whether a tick is open (something was sent less than a tick ago). */
  get open(): boolean {
    return this.#open;
  }

  #startTick(): void {
    this.#open = true;
    this.#schedule(() => this.#endTick(), BROADCAST_TICK_MS);
  }

  #endTick(): void {
    const sent = this.#updates.length > 0 || this.#presence.size > 0;
    if (this.#updates.length > 0) {
      const [first] = this.#updates;
      const merged = this.#updates.length === 1 && first ? first : Y.mergeUpdates(this.#updates);
      this.#send(encodeUpdate(merged), audienceOf(this.#updateAuthors), true);
    }
    if (this.#presence.size > 0) {
      this.#send(
        encodeAwareness(encodeAwarenessUpdate([...this.#presence.values()])),
        audienceOf(this.#presenceAuthors),
        false,
      );
    }
    this.#updates = [];
    this.#updateAuthors.clear();
    this.#presence.clear();
    this.#presenceAuthors.clear();
    // What was just sent opens the next tick; a tick with nothing to send closes it.
    if (sent) this.#startTick();
    else this.#open = false;
  }
}
