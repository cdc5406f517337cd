/**
 * Presence (cursors, names) relayed between peers, tracked per connection so that a
 * peer who leaves removes only its own clients' states. y-protocols' Awareness class
 * runs a setInterval, which would keep a hibernating Durable Object awake, so the
 * server keeps this small registry instead; the wire format is y-protocols' own:
 *
 *   update = varUint(n) { varUint(clientId) varUint(clock) varString(stateJson) }*n
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_AWARENESS_ENTRIES_PER_FRAME, MAX_AWARENESS_STATE_BYTES } from '../limits';

/** Presence past a limit in limits.ts (issue #10 hole 2); the room closes the socket. */
export class PresenceLimitError extends Error {}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** JSON of the state; "null" means the client went away. */
  state: string;
}

export interface Owned extends AwarenessEntry {
  owner: string;
}

/**
 * `known` gives the room's entry for a client id. An entry identical to it (same clock,
 * same state) is an echo: stock y-websocket clients send back every presence change they
 * hear, so in a room of 50 each cursor move returns 49 times. Its state passed the JSON
 * check when the room first took it, so it is not parsed again (that parse was a sixth
 * of a 50-person room's busy time, bench:room-cpu cursors; docs/PERFORMANCE.md, SYNC19).
 */
export function decodeAwarenessUpdate(
  update: Uint8Array,
  known: (clientId: number) => AwarenessEntry | undefined = () => undefined,
): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // Checked before reading any entry: a frame of 85 000 entries is refused unread.
  if (count > MAX_AWARENESS_ENTRIES_PER_FRAME) {
    throw new PresenceLimitError(`presence: ${count} entries in one frame, at most ${MAX_AWARENESS_ENTRIES_PER_FRAME}`);
  }
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (state.length > MAX_AWARENESS_STATE_BYTES) {
      throw new PresenceLimitError(`presence: a state of ${state.length} bytes, at most ${MAX_AWARENESS_STATE_BYTES}`);
    }
    const entry = { clientId, clock, state };
    // A state that is not JSON would break every other peer's client.
    if (!sameEntry(known(clientId), entry)) JSON.parse(state);
    entries.push(entry);
  }
  return entries;
}

/** Whether `entry` is what the room already holds for its client id: same clock, same state. */
export function sameEntry(held: AwarenessEntry | undefined, entry: AwarenessEntry): boolean {
  return held !== undefined && held.clock === entry.clock && held.state === entry.state;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

export class AwarenessRegistry {
  readonly #entries = new Map<number, Owned>();

  /**
   * Applies one connection's update. Entries for a client id that another live
   * connection owns, or older than what is known, are dropped. Returns the
   * accepted entries (to relay), or an empty list.
   */
  apply(owner: string, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const known = this.#entries.get(entry.clientId);
      if (known && known.owner !== owner && known.state !== 'null') continue;
      const newer = !known || entry.clock > known.clock || (entry.clock === known.clock && entry.state === 'null');
      if (!newer) continue;
      this.#entries.set(entry.clientId, { ...entry, owner });
      accepted.push(entry);
    }
    return accepted;
  }

  /**
   * Forgets every client of `owner`; returns the removal entries to relay. The entries
   * are deleted, not kept as tombstones, so the registry never outgrows the room's
   * live connections (hole 2).
   */
  removeOwner(owner: string): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const entry of [...this.#entries.values()]) {
      if (entry.owner !== owner) continue;
      this.#entries.delete(entry.clientId);
      if (entry.state !== 'null') removed.push({ clientId: entry.clientId, clock: entry.clock + 1, state: 'null' });
    }
    return removed;
  }

  /** The connection that speaks for `clientId`, if any does. */
  ownerOf(clientId: number): string | undefined {
    return this.#entries.get(clientId)?.owner;
  }

  /** The newest entry known for `clientId` (a removal included) and who owns it, if any. */
  entryOf(clientId: number): Owned | undefined {
    return this.#entries.get(clientId);
  }

  /** Every client id `owner` has spoken for (gone ones included) since it connected. */
  clientIdsOf(owner: string): number[] {
    return [...this.#entries.values()].filter((entry) => entry.owner === owner).map((entry) => entry.clientId);
  }

  /** The live states of one owner (kept in its hibernation attachment). */
  ownedBy(owner: string): AwarenessEntry[] {
    return this.#live().filter((entry) => entry.owner === owner);
  }

  /** Every live state, for a peer that just joined. */
  all(): AwarenessEntry[] {
    return this.#live();
  }

  #live(): Owned[] {
    return [...this.#entries.values()].filter((entry) => entry.state !== 'null');
  }
}
