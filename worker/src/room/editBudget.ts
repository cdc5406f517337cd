/**
 * What a room keeps of its people's edits (LIM17). Every accepted byte stays as history
 * for playback, so each role has a byte budget (EDIT_BYTES_*: per role, not per socket,
 * so that more tabs or a reconnect add nothing to it) and the room a cap on its history
 * (ROOM_HISTORY_MAX_BYTES). The budget lives in memory like the message rate; a room made
 * again (its last socket closed, eviction) starts each role from what it wrote in the
 * last burst's worth of time, read from the log, not from a full bucket.
 *
 * @example
 * const budget = new EditBudget(log, () => Date.now());
 * const refusal = budget.problem('candidate', rowBytes(update, author)); // null: keep it
 */
import type { Role } from '../auth/roles';
import { EDIT_BYTES_BURST, EDIT_BYTES_PER_SECOND, ROOM_HISTORY_MAX_BYTES } from '../limits';
import { type Refusal, refuse } from '../refusals';
import { TokenBuckets } from './rateLimit';
import type { DocumentLog } from './storage/documentLog';

export class EditBudget {
  readonly #log: DocumentLog;
  readonly #now: () => number;
  readonly #buckets = new TokenBuckets(EDIT_BYTES_PER_SECOND, EDIT_BYTES_BURST);

  constructor(log: DocumentLog, now: () => number) {
    this.#log = log;
    this.#now = now;
    const at = now();
    const window = (EDIT_BYTES_BURST / EDIT_BYTES_PER_SECOND) * 1000;
    for (const [role, bytes] of log.recentBytesByRole(at - window)) this.#buckets.spend(role, bytes, at);
  }

  /** Why the room does not keep `bytes` more of `role`'s edits (taking them from its budget when it does), or null. */
  problem(role: Role, bytes: number): Refusal | null {
    if (this.#log.historyBytes() + bytes > ROOM_HISTORY_MAX_BYTES) {
      const mb = Math.round(ROOM_HISTORY_MAX_BYTES / (1024 * 1024));
      return refuse(
        'history_full',
        `This room has kept ${mb} MB of history, as much as a room may, and takes no more edits; your change was not applied. Its files can still be run, downloaded and forked into a new room.`,
      );
    }
    const now = this.#now();
    if (this.#buckets.take(role, now, bytes)) return null;
    const wait = this.#buckets.secondsUntil(role, bytes, now);
    const kb = Math.round(EDIT_BYTES_PER_SECOND / 1024);
    return refuse(
      'edits_too_fast',
      `You changed more than the room takes in a short time (${kb} KB a second after a burst); your change was not applied. Wait ${wait} s, then try again.`,
    );
  }
}
