/** A room's document log kept in a list in memory: room logic without workerd. */
import type { Author, DocumentLog } from '../../src/room/storage/documentLog';

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
  append(update: Uint8Array, author: Author, at: number) {
    this.newest = Math.max(this.newest, at);
    this.updates.push(update);
    this.authors.push(author);
  }
  flush() {
    this.written = this.updates.length;
  }
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot;
    this.updates = [];
    this.written = 0;
  }
  lastAt() {
    return this.newest;
  }
  stats() {
    const logBytes = this.updates.reduce((n, u) => n + u.byteLength, 0);
    return { rows: this.updates.length, logBytes, totalBytes: logBytes + (this.snapshot?.byteLength ?? 0) };
  }
}
