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
  /** Rows and bytes the compactions covered since an archive was last due (in memory: a woken room starts again at 0). */
  #covered = { rows: 0, bytes: 0 };

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
    this.#covered = { rows: this.#covered.rows + rows, bytes: this.#covered.bytes + logBytes };
    this.#past = this.#draw();
  }

  /** Whether the covered rows are enough to archive now; yes starts the count again. */
  takeArchiveDue(): boolean {
    if (this.#covered.rows < HISTORY_ARCHIVE_ROWS && this.#covered.bytes < HISTORY_ARCHIVE_BYTES) return false;
    this.#covered = { rows: 0, bytes: 0 };
    return true;
  }
}
