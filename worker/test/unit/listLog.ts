/** A room's document log kept in a list in memory: room logic without workerd. */
import type { Author, DocumentLog } from '../../src/room/storage/documentLog';

export class ListLog implements DocumentLog {
  snapshot: Uint8Array | null = null;
  updates: Uint8Array[] = [];
  authors: Author[] = [];
  load() {
    return [...(this.snapshot ? [this.snapshot] : []), ...this.updates];
  }
  append(update: Uint8Array, author: Author) {
    this.updates.push(update);
    this.authors.push(author);
  }
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot;
    this.updates = [];
  }
  stats() {
    const logBytes = this.updates.reduce((n, u) => n + u.byteLength, 0);
    return { rows: this.updates.length, logBytes, totalBytes: logBytes + (this.snapshot?.byteLength ?? 0) };
  }
}
