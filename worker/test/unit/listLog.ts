/** A room's document log kept in a list in memory: room logic without workerd. */
import { type Author, type DocumentLog, rowBytes } from '../../src/room/storage/documentLog';

export class ListLog implements DocumentLog {
  snapshot: Uint8Array | null = null;
  updates: Uint8Array[] = [];
  authors: Author[] = [];
  /** How many of `updates` a flush has written (the rest wait, as in SqliteDocumentLog). */
  written = 0;
  newest = 0;
  load() {
    return [...(this.snapshot ? [this.snapshot] : []), ...this.updates];
  }
  /** History bytes kept so far (a test may start a room near its cap). */
  history = 0;
  /** Each append's time, role and counted bytes (recentBytesByRole). */
  rows: { at: number; role: string; bytes: number }[] = [];
  append(update: Uint8Array, author: Author, at: number) {
    this.history += rowBytes(update, author);
    this.rows.push({ at, role: author.role, bytes: rowBytes(update, author) });
    this.newest = Math.max(this.newest, at);
    this.updates.push(update);
    this.authors.push(author);
  }
  flush() {
    this.written = this.updates.length;
  }
  /** Rows a snapshot covers, until `archived` (history.ts deletes the rows it moves to R2). */
  waiting: Uint8Array[] = [];
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot;
    this.waiting.push(...this.updates);
    this.updates = [];
    this.written = 0;
  }
  covered() {
    return { rows: this.waiting.length, bytes: this.waiting.reduce((n, u) => n + u.byteLength, 0) };
  }
  /** What an archive does to the rows: they leave the log for R2. */
  archived() {
    this.waiting = [];
  }
  lastAt() {
    return this.newest;
  }
  historyBytes() {
    return this.history;
  }
  recount() {}
  recentBytesByRole(since: number) {
    const out = new Map<string, number>();
    for (const row of this.rows) if (row.at > since) out.set(row.role, (out.get(row.role) ?? 0) + row.bytes);
    return out;
  }
  stats() {
    const logBytes = this.updates.reduce((n, u) => n + u.byteLength, 0);
    return { rows: this.updates.length, logBytes, totalBytes: logBytes + (this.snapshot?.byteLength ?? 0) };
  }
}
