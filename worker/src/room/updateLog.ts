/**
 * A room's document as it sits on disk: one snapshot row plus the updates that came
 * after it, in the Durable Object's SQLite. Every update is appended before it is
 * broadcast, so an edit any peer has seen is on disk; past LOG_COMPACT_* the log is
 * folded into a new snapshot in one transaction.
 */
export interface DocumentLog {
  /** The snapshot (if any) followed by every later update, oldest first. */
  load(): Uint8Array[];
  append(update: Uint8Array): void;
  /** Replaces snapshot and log with one snapshot of the whole document. */
  compact(snapshot: Uint8Array): void;
  /** Rows and bytes since the last compaction, and total bytes on disk. */
  stats(): { rows: number; logBytes: number; totalBytes: number };
}

export class SqliteDocumentLog implements DocumentLog {
  readonly #sql: SqlStorage;
  readonly #storage: DurableObjectStorage;
  #rows = 0;
  #logBytes = 0;
  #snapshotBytes = 0;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#sql = storage.sql;
  }

  load(): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const row of this.#sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_snapshot')) {
      out.push(new Uint8Array(row.data));
      this.#snapshotBytes = row.data.byteLength;
    }
    this.#rows = 0;
    this.#logBytes = 0;
    for (const row of this.#sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq')) {
      out.push(new Uint8Array(row.data));
      this.#rows += 1;
      this.#logBytes += row.data.byteLength;
    }
    return out;
  }

  append(update: Uint8Array): void {
    this.#sql.exec('INSERT INTO doc_updates (data) VALUES (?)', update);
    this.#rows += 1;
    this.#logBytes += update.byteLength;
  }

  compact(snapshot: Uint8Array): void {
    this.#storage.transactionSync(() => {
      this.#sql.exec(
        'INSERT INTO doc_snapshot (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
        snapshot,
      );
      this.#sql.exec('DELETE FROM doc_updates');
    });
    this.#snapshotBytes = snapshot.byteLength;
    this.#rows = 0;
    this.#logBytes = 0;
  }

  stats() {
    return { rows: this.#rows, logBytes: this.#logBytes, totalBytes: this.#snapshotBytes + this.#logBytes };
  }
}
