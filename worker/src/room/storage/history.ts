/**
 * A room's history: every accepted update with its time and author, kept for
 * playback. Recent updates are rows of `doc_updates`; once compactions have covered
 * HISTORY_ARCHIVE_ROWS of them (or HISTORY_ARCHIVE_BYTES) they are moved to R2 in segments, `rooms/<id>/history/<from>-<to>`, indexed
 * by `history_segments`. Reading history is its own path; loading the room never
 * touches it.
 *
 * A segment is lib0-encoded: varUint(count) then per update
 * varUint(seq) varUint(at) varString(connId) varString(name) varString(role) varUint8Array(update).
 *
 * Storage: a keystroke is one update of ~20–40 bytes; with its time and author a row
 * is ~100 bytes. An interview of two people typing steadily (~3 updates/s together)
 * keeps ~1.1 MB of history per hour; the per-connection message limit
 * (MESSAGES_PER_SECOND) bounds a hostile writer, and history_test measures the row size.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { PLAYBACK_PAGE_BYTES } from '../../limits';
import { keepCheckpoint } from '../../playback/checkpoints';
import { PLAYBACK_PAGE_UPDATES } from '../../playback/schema';
import type { Author } from './documentLog';

export interface HistoryEntry {
  seq: number;
  at: number;
  author: Author;
  update: Uint8Array;
}

/**
 * Rows moved to R2 per segment at most: a playback page (PLAYBACK_PAGE_UPDATES), since a
 * page is whole segments. An archive of typing (HISTORY_ARCHIVE_ROWS plus up to one
 * compaction's LOG_COMPACT_ROWS) is then one segment, beside its checkpoint.
 */
export const SEGMENT_ROWS = PLAYBACK_PAGE_UPDATES;
/** An entry's encoded size past its update and author strings, at most: varUints for seq, at, lengths, and the count. */
const ENTRY_OVERHEAD_BYTES = 32;

/**
 * A row's size as history counts it (pages, segments): its update, its author's strings
 * and the entry's overhead, so rows counted this way never sum to less than the segment
 * they are archived into, and a page listed from rows still fits once they are archived.
 */
export const ROW_BYTES_SQL = `(length(data) + length(CAST(conn_id AS BLOB)) + length(CAST(name AS BLOB))
  + length(CAST(role AS BLOB)) + ${ENTRY_OVERHEAD_BYTES})`;

const utf8 = new TextEncoder();
/** An entry's size as ROW_BYTES_SQL counts its row. */
export const entryBytes = ({ author, update }: HistoryEntry): number =>
  update.byteLength +
  utf8.encode(author.connId).byteLength +
  utf8.encode(author.name).byteLength +
  utf8.encode(author.role).byteLength +
  ENTRY_OVERHEAD_BYTES;

interface Row extends Record<string, SqlStorageValue> {
  seq: number;
  at: number;
  conn_id: string;
  name: string;
  role: string;
  data: ArrayBuffer;
}

const pad = (n: number) => String(n).padStart(12, '0');
export const historyKey = (roomId: string, from: number, to: number) =>
  `rooms/${roomId}/history/${pad(from)}-${pad(to)}`;

export function encodeSegment(entries: readonly HistoryEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { seq, at, author, update } of entries) {
    encoding.writeVarUint(encoder, seq);
    encoding.writeVarUint(encoder, at);
    encoding.writeVarString(encoder, author.connId);
    encoding.writeVarString(encoder, author.name);
    encoding.writeVarString(encoder, author.role);
    encoding.writeVarUint8Array(encoder, update);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeSegment(bytes: Uint8Array): HistoryEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const out: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const seq = decoding.readVarUint(decoder);
    const at = decoding.readVarUint(decoder);
    const connId = decoding.readVarString(decoder);
    const name = decoding.readVarString(decoder);
    const role = decoding.readVarString(decoder) as Author['role'];
    out.push({ seq, at, author: { connId, name, role }, update: decoding.readVarUint8Array(decoder) });
  }
  return out;
}

const toEntry = (row: Row): HistoryEntry => ({
  seq: row.seq,
  at: row.at,
  author: { connId: row.conn_id, name: row.name, role: row.role as Author['role'] },
  update: new Uint8Array(row.data),
});

export class History {
  #archiving: Promise<number> | null = null;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly bucket: R2Bucket,
    private readonly roomId: string,
  ) {}

  /**
   * Moves the rows a snapshot covers to R2, a segment at a time; returns how many
   * moved. A failed upload leaves the rows where they are for the next call.
   */
  archive(): Promise<number> {
    this.#archiving ??= this.#archive().finally(() => {
      this.#archiving = null;
    });
    return this.#archiving;
  }

  async #archive(): Promise<number> {
    const { sql } = this.storage;
    // The compaction that asked for this archive made a snapshot: playback keeps it (checkpoints.ts).
    await keepCheckpoint(this.storage, this.bucket, this.roomId);
    let moved = 0;
    for (;;) {
      const upto = sql.exec<{ upto: number }>('SELECT COALESCE(MAX(upto_seq), 0) AS upto FROM doc_snapshot').one().upto;
      // At most SEGMENT_ROWS rows and PLAYBACK_PAGE_BYTES encoded (one larger row alone):
      // rows that piled up while R2 refused writes never make one segment too large to
      // hold in memory, here or when a page reads it.
      const rows = sql
        .exec<Row>(
          `SELECT seq, at, conn_id, name, role, data FROM (
             SELECT seq, at, conn_id, name, role, data, ROW_NUMBER() OVER (ORDER BY seq) AS n,
               SUM(${ROW_BYTES_SQL}) OVER (ORDER BY seq) AS running
             FROM doc_updates WHERE seq <= ?1 ORDER BY seq LIMIT ?2)
           WHERE n = 1 OR running <= ?3 ORDER BY seq`,
          upto,
          SEGMENT_ROWS,
          PLAYBACK_PAGE_BYTES,
        )
        .toArray();
      const first = rows[0];
      const last = rows.at(-1);
      if (!first || !last) return moved;
      const entries = rows.map(toEntry);
      const key = historyKey(this.roomId, first.seq, last.seq);
      const bytes = encodeSegment(entries);
      await this.bucket.put(key, bytes);
      const kept = this.storage.transactionSync(() => {
        // Another archive (a History made after the room let this one go) may have moved
        // these rows while this one uploaded: its segment holds them, and indexing this one
        // over it would shrink that segment and lose the rows past this one's end. The
        // upload is left for retention's prefix delete; the loop reads what is left.
        const still = sql
          .exec<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE seq >= ? AND seq <= ?', first.seq, last.seq)
          .one().n;
        if (still !== rows.length) return false;
        sql.exec(
          `INSERT INTO history_segments (from_seq, to_seq, first_at, last_at, bytes, r2_key) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (from_seq) DO UPDATE SET to_seq = excluded.to_seq, last_at = excluded.last_at,
             bytes = excluded.bytes, r2_key = excluded.r2_key`,
          first.seq,
          last.seq,
          first.at,
          last.at,
          bytes.byteLength,
          key,
        );
        sql.exec('DELETE FROM doc_updates WHERE seq >= ? AND seq <= ?', first.seq, last.seq);
        return true;
      });
      if (kept) moved += rows.length;
    }
  }

  /** Updates with `from ≤ seq ≤ to`, oldest first, from R2 segments and the rows still here. */
  async read({ from = 0, to = Number.MAX_SAFE_INTEGER }: { from?: number; to?: number } = {}): Promise<HistoryEntry[]> {
    const { sql } = this.storage;
    // Both tables are read before the first await: an archive that runs while the
    // segments download moves rows from one table to the other in one transaction, and
    // reading the rows after it would miss them.
    const segments = sql
      .exec<{ r2_key: string }>(
        'SELECT r2_key FROM history_segments WHERE to_seq >= ? AND from_seq <= ? ORDER BY from_seq',
        from,
        to,
      )
      .toArray();
    const rows = sql
      .exec<Row>(
        'SELECT seq, at, conn_id, name, role, data FROM doc_updates WHERE seq >= ? AND seq <= ? ORDER BY seq',
        from,
        to,
      )
      .toArray();
    const out: HistoryEntry[] = [];
    for (const { r2_key } of segments) {
      const object = await this.bucket.get(r2_key);
      if (!object) throw new Error(`history segment ${r2_key} is missing from R2`);
      for (const entry of decodeSegment(new Uint8Array(await object.arrayBuffer()))) {
        if (entry.seq >= from && entry.seq <= to) out.push(entry);
      }
    }
    const seen = new Set(out.map((e) => e.seq));
    for (const row of rows) if (!seen.has(row.seq)) out.push(toEntry(row));
    return out.sort((a, b) => a.seq - b.seq);
  }
}
