/**
 * Playback inside the room's Durable Object: the manifest, a page of updates, the files
 * at a moment, and the recording of what only the room sees happen (file operations,
 * language switches). RoomDO checks the role (`review`) and delegates here; the routes
 * (routes/history.ts) add the panel's signals to the manifest.
 *
 * @example
 * const playback = new RoomHistory(ctx.storage, env.SNAPSHOTS, () => history);
 * playback.watch(room.doc);            // once per loaded document
 * playback.manifest(record);           // {manifest, joins}
 * await playback.page(1, 2000);        // bytes (page.ts)
 * await playback.filesAt(Date.now());  // {answer: {at, seq, files, entry}, applied}
 */
import type * as Y from 'yjs';
import type { Role } from '../auth/roles';
import { PLAYBACK_PAGE_BYTES } from '../limits';
import { ok, type Result, refused } from '../refusals';
import { entryFile, readFiles } from '../room/doc';
import { JoinLog, type JoinLogView } from '../room/joinLog';
import type { RoomRecord } from '../room/roomMeta';
import { type Author, isAuthor, ROOM_AUTHOR } from '../room/storage/documentLog';
import { entryBytes, type History, ROW_BYTES_SQL } from '../room/storage/history';
import { checkpointAtOrBefore } from './checkpoints';
import { joinEvents, mergeEvents, runEvents } from './events';
import { watchFileOps } from './fileOps';
import { encodePage } from './page';
import { pageIndex, type RowStamp, type SegmentSpan } from './pageIndex';
import { rebuildWith } from './replay';
import {
  type FilesAtResponse,
  PLAYBACK_MAX_EVENTS,
  PLAYBACK_PAGE_UPDATES,
  type PlaybackEvent,
  type PlaybackManifest,
  type PlaybackPerson,
} from './schema';
import { Timeline } from './timeline';

const personOf = (author: Author): PlaybackPerson => ({ name: author.name, role: author.role });

export class RoomHistory {
  readonly #storage: DurableObjectStorage;
  readonly #bucket: R2Bucket;
  readonly #history: () => History;
  readonly #timeline: Timeline;
  readonly #joins: JoinLog;

  constructor(storage: DurableObjectStorage, bucket: R2Bucket, history: () => History) {
    this.#storage = storage;
    this.#bucket = bucket;
    this.#history = history;
    this.#timeline = new Timeline(storage.sql);
    this.#joins = new JoinLog(storage.sql);
  }

  /** Records the document's file operations from now on, with their author (the room's own: the room). */
  watch(doc: Y.Doc): void {
    watchFileOps(doc, (op, origin) => {
      const author = isAuthor(origin) ? origin : ROOM_AUTHOR;
      try {
        this.#timeline.file(personOf(author), op, Date.now());
      } catch (error) {
        // Never thrown into Yjs mid-transaction: the update itself must still be stored.
        console.error('recording a file operation failed', { error: String(error) });
      }
    });
  }

  /** The interviewer (`role`, over HTTP) switched the room's language. */
  languageSwitched(role: Role, from: string, to: string): void {
    this.#timeline.language(this.#timeline.personOf(role), from, to, Date.now());
  }

  /** The interviewer (`role`, over HTTP) restored the files to `to` at `at`; `from` is the moment just before. */
  restored(role: Role, to: number, from: number, at: number): PlaybackPerson {
    const who = this.#timeline.personOf(role);
    this.#timeline.restore(who, to, from, at);
    return who;
  }

  /** The timeline's restores, oldest first (restore/points.ts lists the moment before each). */
  restores(): Extract<PlaybackEvent, { type: 'restore' }>[] {
    return this.#timeline.read().events.filter((e) => e.type === 'restore');
  }

  /** Someone typed `data` into interactive run `runId` (SPEC INT12). */
  typed(who: PlaybackPerson, runId: string, data: string): void {
    this.#timeline.stdin(who, runId, data, Date.now());
  }

  /** The shared terminal's input or output, batched by terminal/recorder.ts (SPEC TERM9). */
  terminal(who: PlaybackPerson, terminalId: string, stream: 'input' | 'output', data: string, at: number): void {
    this.#timeline.terminal(who, terminalId, stream, data, at);
  }

  /** The manifest with the room's own events (the route adds the panel's), and the join log to name signals by. */
  manifest(record: RoomRecord): { manifest: PlaybackManifest; joins: JoinLogView } {
    const { sql } = this.#storage;
    const segments = sql
      .exec<SegmentSpan & Record<string, SqlStorageValue>>(
        `SELECT from_seq AS "from", to_seq AS "to", first_at AS firstAt, last_at AS lastAt, bytes
         FROM history_segments ORDER BY from_seq`,
      )
      .toArray();
    const rows = sql
      .exec<RowStamp & Record<string, SqlStorageValue>>(
        `SELECT seq, at, ${ROW_BYTES_SQL} AS bytes FROM doc_updates ORDER BY seq`,
      )
      .toArray();
    const pages = pageIndex(segments, rows, PLAYBACK_PAGE_UPDATES, PLAYBACK_PAGE_BYTES);
    const joins = this.#joins.read();
    const people = new Map<string, PlaybackPerson>();
    for (const { name, role } of joins.entries) people.set(`${role}\u0000${name}`, { name, role });
    const timeline = this.#timeline.read();
    const { events, omitted } = mergeEvents(
      [joinEvents(joins), runEvents(sql, PLAYBACK_MAX_EVENTS), timeline],
      PLAYBACK_MAX_EVENTS,
    );
    const { roomId, title, language, status, createdAt, endedAt } = record;
    const manifest: PlaybackManifest = {
      room: { roomId, title, language, status, createdAt, endedAt },
      people: [...people.values()],
      updates: {
        count: pages.reduce((n, p) => n + p.count, 0),
        firstAt: pages[0]?.firstAt ?? null,
        lastAt: pages.at(-1)?.lastAt ?? null,
      },
      pages,
      events,
      eventsOmitted: omitted,
    };
    return { manifest, joins };
  }

  /**
   * Updates with `from ≤ seq ≤ to` as one binary page; the route has bounded the width.
   * A range holding more than PLAYBACK_PAGE_BYTES is refused, unless it is one segment or
   * one row (nothing smaller can be asked for). Parts wholly inside the range count at
   * their stored size, before anything is read. A segment that reaches past an end of the
   * range counts only its updates inside it, once read: the room may have archived the
   * rows of a page a manifest listed into a segment larger than that page, and the page
   * still holds what it held when it was listed.
   */
  async page(from: number, to: number): Promise<Result<Uint8Array>> {
    const { sql } = this.#storage;
    const inside = sql
      .exec<{ parts: number; bytes: number }>(
        `SELECT COUNT(*) AS parts, COALESCE(SUM(bytes), 0) AS bytes FROM (
           SELECT bytes FROM history_segments WHERE from_seq >= ?1 AND to_seq <= ?2
           UNION ALL SELECT ${ROW_BYTES_SQL} AS bytes FROM doc_updates WHERE seq >= ?1 AND seq <= ?2)`,
        from,
        to,
      )
      .one();
    const straddling = sql
      .exec<{ from_seq: number; to_seq: number }>(
        `SELECT from_seq, to_seq FROM history_segments
         WHERE to_seq >= ?1 AND from_seq <= ?2 AND (from_seq < ?1 OR to_seq > ?2)`,
        from,
        to,
      )
      .toArray();
    const parts = inside.parts + straddling.length;
    const tooLarge = (bytes: number) =>
      refused(
        'bad_request',
        `to: seq ${from}–${to} holds ${bytes} bytes of history, more than a page's ${PLAYBACK_PAGE_BYTES}: ask for the pages the manifest lists`,
      );
    if (parts > 1 && inside.bytes > PLAYBACK_PAGE_BYTES) return tooLarge(inside.bytes);
    // Both tables are read before read() first waits, so the figures above describe what it reads.
    const entries = await this.#history().read({ from, to });
    if (parts > 1 && straddling.length > 0) {
      let bytes = inside.bytes;
      for (const entry of entries) {
        if (straddling.some((s) => entry.seq >= s.from_seq && entry.seq <= s.to_seq)) bytes += entryBytes(entry);
      }
      if (bytes > PLAYBACK_PAGE_BYTES) return tooLarge(bytes);
    }
    return ok(encodePage(entries.map(({ seq, at, author, update }) => ({ seq, at, who: personOf(author), update }))));
  }

  /**
   * The files as they were at `at`: after the newest update with `at ≤` it. Starts from
   * the nearest checkpoint before that update (checkpoints.ts) and applies only the
   * updates after it; `applied` says how many (PLAY8 bounds it).
   */
  async filesAt(at: number): Promise<{ answer: FilesAtResponse; applied: number }> {
    const { seq, applied, answer } = await this.readAt(at, (doc) => ({
      files: readFiles(doc),
      entry: entryFile(doc)?.path ?? null,
    }));
    return { answer: { at, seq, ...answer }, applied };
  }

  /** What `read` takes from the document as it was at `at` (filesAt; a restore reads the file ids too). */
  async readAt<T>(at: number, read: (doc: Y.Doc) => T): Promise<{ seq: number; applied: number; answer: T }> {
    const { sql } = this.#storage;
    // `at` never goes backwards along `seq`, so the moment's update is the last row with
    // `at ≤` it, or, when every row is later, it lies in the newest segment starting by then.
    const tail = sql
      .exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE at <= ?', at)
      .one().seq;
    const segment = sql
      .exec<{ from_seq: number; to_seq: number }>(
        'SELECT from_seq, to_seq FROM history_segments WHERE first_at <= ? ORDER BY from_seq DESC LIMIT 1',
        at,
      )
      .toArray()[0];
    const upTo = tail ?? segment?.to_seq ?? 0;
    const base = await checkpointAtOrBefore(this.#storage, this.#bucket, tail ?? (segment ? segment.from_seq - 1 : 0));
    const updates = upTo > base.seq ? await this.#history().read({ from: base.seq + 1, to: upTo }) : [];
    const applied = updates.filter((u) => u.at <= at);
    const answer = rebuildWith(
      base.state,
      applied.map((u) => u.update),
      read,
    );
    return { seq: applied.at(-1)?.seq ?? base.seq, applied: applied.length, answer };
  }
}
