/**
 * When a room folds its update log into a snapshot (documentLog.ts `compact`): past a row
 * count drawn anew after every compaction, between LOG_COMPACT_ROWS − LOG_COMPACT_ROWS_SPREAD
 * and LOG_COMPACT_ROWS, or past LOG_COMPACT_BYTES. The draw keeps rooms that started together
 * (a class, a load test) from all snapshotting and archiving in the same moment (SYNC18).
 * And when the rows compactions covered are enough to move to R2 (HISTORY_ARCHIVE_*, HIST5).
 *
 * @example
 * const compaction = new LogCompaction(log, () => Y.encodeStateAsUpdate(doc));
 * compaction.check(); // after appending
 * if (compaction.takeArchiveDue()) archive();
 */
import {
  HISTORY_ARCHIVE_BYTES,
  HISTORY_ARCHIVE_ROWS,
  LOG_COMPACT_BYTES,
  LOG_COMPACT_ROWS,
  LOG_COMPACT_ROWS_SPREAD,
} from '../../limits';
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
  /** A compaction happened since takeArchiveDue last looked. */
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

  /**
   * After a compaction: whether the rows the snapshots cover and nobody has archived yet
   * reach HISTORY_ARCHIVE_ROWS or HISTORY_ARCHIVE_BYTES. Counted in storage, so rows a
   * reloaded room, a failed upload or an archive still running left behind count too.
   */
  takeArchiveDue(): boolean {
    if (!this.#compacted) return false;
    this.#compacted = false;
    const { rows, bytes } = this.#log.covered();
    return rows >= HISTORY_ARCHIVE_ROWS || bytes >= HISTORY_ARCHIVE_BYTES;
  }
}
