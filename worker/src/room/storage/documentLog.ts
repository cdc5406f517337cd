/**
 * A room's document as it sits in the Durable Object's SQLite: one snapshot row plus
 * every accepted update after it, each with its time and author. Every update is
 * written before it is broadcast, so an edit any peer has seen is on disk.
 *
 * The room's log (`writeOnFlush`) keeps appends in memory until `flush`, which the room
 * calls before anything leaves it (outbox.ts) and before it reads its own rows: the
 * updates of one broadcast tick are then written in one event, so workerd commits them (an fsync on local disk, a
 * replicated write in production) once per tick instead of once per keystroke, and the
 * output gate holds the tick's send until that one commit is done (SYNC15).
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

/** Whether a transaction's origin is an Author (a connection's update), not the room's own change. */
export function isAuthor(origin: unknown): origin is Author {
  return typeof origin === 'object' && origin !== null && 'connId' in origin && 'role' in origin;
}

export interface DocumentLog {
  /** The snapshot (if any) followed by every later update, oldest first. */
  load(): Uint8Array[];
  /** Keeps an update to be written by the next `flush`. */
  append(update: Uint8Array, author: Author, at: number): void;
  /** Writes every appended update not yet written, in order. */
  flush(): void;
  /** Makes `snapshot` (the whole document) the new starting point. */
  compact(snapshot: Uint8Array): void;
  /** Rows and bytes since the last compaction, and total bytes a load reads. */
  stats(): { rows: number; logBytes: number; totalBytes: number };
  /**
   * What this room keeps as history, in bytes (ROOM_HISTORY_MAX_BYTES caps it): each row
   * still here as `rowBytes` counts it, and the segments and checkpoints in R2 as stored.
   * Read at load and after each archive (`recount`), counted per append between.
   */
  historyBytes(): number;
  /** Reads historyBytes from storage again (an archive turned rows into segments and a checkpoint). */
  recount(): void;
  /** Bytes each author role wrote (as rowBytes counts them) in rows stamped after `since`. */
  recentBytesByRole(since: number): Map<string, number>;
  /**
   * The rows a snapshot covers that are still here, waiting to move to history in R2
   * (storage/history.ts deletes the rows it moves), and their bytes. Read from storage, so
   * it holds across a reload and a failed or unfinished archive.
   */
  covered(): { rows: number; bytes: number };
  /** The newest update's time (0 before the first): a later update is stamped no earlier. */
  lastAt(): number;
}

/**
 * What one row of history costs as the room counts it against ROOM_HISTORY_MAX_BYTES
 * and the edit budget: its update, its author's strings and the row's own fields. The
 * same count in SQL (ROW_BYTES_SQL), so a reloaded room counts what it counted live.
 */
export const ROW_OVERHEAD_BYTES = 24;
export function rowBytes(update: Uint8Array, author: Author): number {
  return update.byteLength + author.connId.length + author.name.length + author.role.length + ROW_OVERHEAD_BYTES;
}
const ROW_BYTES_SQL = `length(data) + length(conn_id) + length(name) + length(role) + ${ROW_OVERHEAD_BYTES}`;

export class SqliteDocumentLog implements DocumentLog {
  readonly #sql: SqlStorage;
  readonly #storage: DurableObjectStorage;
  #rows = 0;
  #logBytes = 0;
  #snapshotBytes = 0;
  #historyBytes = 0;
  /** The newest update's time: history's times never go backwards (playback reads them in order). */
  #lastAt = 0;
  /** Appended, not yet written: written by the next flush, in this order. */
  #pending: { update: Uint8Array; author: Author; at: number }[] = [];

  readonly #writeOnFlush: boolean;

  /** `writeOnFlush`: appends wait for `flush` (the room's tick); otherwise each is written at once (the panel). */
  constructor(storage: DurableObjectStorage, { writeOnFlush = false } = {}) {
    this.#storage = storage;
    this.#sql = storage.sql;
    this.#writeOnFlush = writeOnFlush;
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
    this.#lastAt = this.#newestAt();
    this.#historyBytes = this.#storedHistoryBytes();
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

  append(update: Uint8Array, author: Author, now: number): void {
    // A clock that stepped back (the object restarted on another machine) stamps the last time again.
    const at = Math.max(now, this.#lastAt);
    this.#lastAt = at;
    this.#pending.push({ update, author, at });
    this.#rows += 1;
    this.#logBytes += update.byteLength;
    this.#historyBytes += rowBytes(update, author);
    if (!this.#writeOnFlush) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    for (const { update, author, at } of pending) {
      this.#sql.exec(
        'INSERT INTO doc_updates (data, at, conn_id, name, role) VALUES (?, ?, ?, ?, ?)',
        update,
        at,
        author.connId,
        author.name,
        author.role,
      );
    }
  }

  compact(snapshot: Uint8Array): void {
    this.flush(); // the snapshot covers every row written so far
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

  /** The newest update's time: in the rows, or in the segments a room has moved to R2 (the panel has none). */
  #newestAt(): number {
    const rows = this.#sql.exec<{ at: number | null }>('SELECT MAX(at) AS at FROM doc_updates').one().at ?? 0;
    if (!this.#archives()) return rows;
    const archived =
      this.#sql.exec<{ at: number | null }>('SELECT MAX(last_at) AS at FROM history_segments').one().at ?? 0;
    return Math.max(rows, archived);
  }

  /** The history's bytes: every row here (as rowBytes counts it), every segment and checkpoint in R2. */
  #storedHistoryBytes(): number {
    const rows = this.#sql
      .exec<{ bytes: number }>(`SELECT COALESCE(SUM(${ROW_BYTES_SQL}), 0) AS bytes FROM doc_updates`)
      .one().bytes;
    if (!this.#archives()) return rows;
    const segments = this.#sql
      .exec<{ bytes: number }>('SELECT COALESCE(SUM(bytes), 0) AS bytes FROM history_segments')
      .one().bytes;
    const checkpoints = this.#hasTable('history_checkpoints')
      ? this.#sql.exec<{ bytes: number }>('SELECT COALESCE(SUM(bytes), 0) AS bytes FROM history_checkpoints').one()
          .bytes
      : 0;
    return rows + segments + checkpoints;
  }

  recount(): void {
    this.#historyBytes = this.#storedHistoryBytes();
  }

  recentBytesByRole(since: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const row of this.#sql.exec<{ role: string; bytes: number }>(
      `SELECT role, COALESCE(SUM(${ROW_BYTES_SQL}), 0) AS bytes FROM doc_updates WHERE at > ? GROUP BY role`,
      since,
    )) {
      out.set(row.role, row.bytes);
    }
    return out;
  }

  #hasTable(name: string): boolean {
    return this.#sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
  }

  /** Whether this object archives history (a room does; the panel has no such table). */
  #archives(): boolean {
    return this.#hasTable('history_segments');
  }

  lastAt(): number {
    return this.#lastAt;
  }

  covered(): { rows: number; bytes: number } {
    return this.#sql
      .exec<{ rows: number; bytes: number }>(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(length(data)), 0) AS bytes FROM doc_updates
         WHERE seq <= (SELECT COALESCE(MAX(upto_seq), 0) FROM doc_snapshot)`,
      )
      .one();
  }

  stats() {
    return { rows: this.#rows, logBytes: this.#logBytes, totalBytes: this.#snapshotBytes + this.#logBytes };
  }

  historyBytes(): number {
    return this.#historyBytes;
  }
}
