/**
 * A room's document as it sits in the Durable Object's SQLite: one snapshot row plus
 * every accepted update after it, each with its time and author. Every update is
 * appended before it is broadcast, so an edit any peer has seen is on disk.
 *
 * Past LOG_COMPACT_* the tail is folded into a new snapshot that records the last
 * update it covers (`upto_seq`). The covered rows are not deleted: they are the
 * room's history, and stay until history.ts has moved them to R2. Loading reads the
 * snapshot and only the rows after it, so a long interview wakes as fast as a short one.
 */
import type { Role } from '../../auth/roles';

/** Who made a change: a connection (with the name and role it joined with) or the room itself. */
export interface Author {
  connId: string;
  name: string;
  role: Role | 'room';
}

export const ROOM_AUTHOR: Author = { connId: 'room', name: 'CodeSync', role: 'room' };

export interface DocumentLog {
  /** The snapshot (if any) followed by every later update, oldest first. */
  load(): Uint8Array[];
  append(update: Uint8Array, author: Author, at: number): void;
  /** Makes `snapshot` (the whole document) the new starting point. */
  compact(snapshot: Uint8Array): void;
  /** Rows and bytes since the last compaction, and total bytes a load reads. */
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
    let upto = 0;
    for (const row of this.#sql.exec<{ data: ArrayBuffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshot',
    )) {
      out.push(new Uint8Array(row.data));
      this.#snapshotBytes = row.data.byteLength;
      upto = row.upto_seq;
    }
    this.#rows = 0;
    this.#logBytes = 0;
    for (const row of this.#sql.exec<{ data: ArrayBuffer }>(
      'SELECT data FROM doc_updates WHERE seq > ? ORDER BY seq',
      upto,
    )) {
      out.push(new Uint8Array(row.data));
      this.#rows += 1;
      this.#logBytes += row.data.byteLength;
    }
    return out;
  }

  append(update: Uint8Array, author: Author, at: number): void {
    this.#sql.exec(
      'INSERT INTO doc_updates (data, at, conn_id, name, role) VALUES (?, ?, ?, ?, ?)',
      update,
      at,
      author.connId,
      author.name,
      author.role,
    );
    this.#rows += 1;
    this.#logBytes += update.byteLength;
  }

  compact(snapshot: Uint8Array): void {
    this.#storage.transactionSync(() => {
      const upto = this.#sql.exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates').one().seq ?? 0;
      this.#sql.exec(
        `INSERT INTO doc_snapshot (id, data, upto_seq) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
        snapshot,
        upto,
      );
    });
    this.#snapshotBytes = snapshot.byteLength;
    this.#rows = 0;
    this.#logBytes = 0;
  }

  stats() {
    return { rows: this.#rows, logBytes: this.#logBytes, totalBytes: this.#snapshotBytes + this.#logBytes };
  }
}
