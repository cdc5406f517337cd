/**
 * When a room folds its update log into a snapshot (documentLog.ts `compact`): past a row
 * count drawn anew after every compaction, between LOG_COMPACT_ROWS − LOG_COMPACT_ROWS_SPREAD
 * and LOG_COMPACT_ROWS, or past LOG_COMPACT_BYTES. The draw keeps rooms that started together
 * (a class, a load test) from all snapshotting and archiving in the same moment (SYNC18).
 *
 * @example
 * const compaction = new LogCompaction(log, () => Y.encodeStateAsUpdate(doc));
 * compaction.check(); // after appending
 * if (compaction.takeCompacted()) archive();
 */
import { LOG_COMPACT_BYTES, LOG_COMPACT_ROWS, LOG_COMPACT_ROWS_SPREAD } from '../../limits';
import type { DocumentLog } from './documentLog';

/** The row count past which a log compacts next: LOG_COMPACT_ROWS less up to the spread. */
export function drawCompactPast(): number {
  return LOG_COMPACT_ROWS - Math.floor(Math.random() * (LOG_COMPACT_ROWS_SPREAD + 1));
}

export class LogCompaction {
  readonly #log: DocumentLog;
  readonly #snapshot: () => Uint8Array;
  readonly #draw: () => number;
  #past: number;
  #compacted = false;

  /** `draw`: a test that needs compactions at known rows passes `() => LOG_COMPACT_ROWS`. */
  constructor(log: DocumentLog, snapshot: () => Uint8Array, draw: () => number = drawCompactPast) {
    this.#log = log;
    this.#snapshot = snapshot;
    this.#draw = draw;
    this.#past = draw();
  }

  /** Compacts if the log is past its bounds. */
  check(): void {
    const { rows, logBytes } = this.#log.stats();
    if (rows <= this.#past && logBytes <= LOG_COMPACT_BYTES) return;
    this.#log.compact(this.#snapshot());
    this.#compacted = true;
    this.#past = this.#draw();
  }

  /** Whether a compaction happened since the last call (its covered rows can be archived). */
  takeCompacted(): boolean {
    const compacted = this.#compacted;
    this.#compacted = false;
    return compacted;
  }
}
