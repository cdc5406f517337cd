/**
 * Rebuilds a room's files at any point of its history: the one reconstruction the
 * worker (`files?at=`) and the web app's playback (in a Web Worker) both use.
 *
 * Updates are appended in `seq` order as their pages arrive. A live document moves
 * forward one update at a time (playing costs one apply per keystroke); every
 * CHECKPOINT_EVERY updates its state is kept, so moving back, or far ahead, starts
 * from the nearest checkpoint at or before the target and applies at most
 * CHECKPOINT_EVERY − 1 updates: a seek costs the same anywhere in a two-hour interview.
 *
 * Who wrote what: every Yjs client id is mapped to the person whose update first
 * carried it (history knows each update's author), so a file's text comes back as
 * spans of one person each.
 *
 * @example
 * const replay = new Replay();
 * replay.append(decodePage(bytes).updates);
 * replay.seek(replay.indexAt(Date.parse('2026-12-02T10:15:00Z')));
 * replay.files(); // [{path, content, spans: [{who, length}]}]
 */
import * as Y from 'yjs';
import { entryFile, type FileContent, listFiles, readFiles } from '../room/doc';
import type { PageUpdate } from './page';
import type { PlaybackPerson } from './schema';

/** Updates between two kept states: a seek applies fewer than this many after its checkpoint. */
export const CHECKPOINT_EVERY = 256;

/**
 * The files after `updates` on top of `base` (a checkpoint's state, or null: the empty
 * document), in one go: the server's `files?at=`, which starts from its own checkpoints.
 */
export function rebuild(
  base: Uint8Array | null,
  updates: readonly Uint8Array[],
): { files: FileContent[]; entry: string | null } {
  return rebuildWith(base, updates, (doc) => ({ files: readFiles(doc), entry: entryFile(doc)?.path ?? null }));
}

/** As `rebuild`, reading what `read` takes from the rebuilt document (a restore keeps the file ids). */
export function rebuildWith<T>(base: Uint8Array | null, updates: readonly Uint8Array[], read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  for (const update of updates) Y.applyUpdate(doc, update);
  const answer = read(doc);
  doc.destroy();
  return answer;
}

export interface ReplaySpan {
  /** Null for text whose author the history does not name (none, in a well-formed history). */
  who: PlaybackPerson | null;
  length: number;
}

export interface ReplayFile {
  id: string;
  path: string;
  content: string;
  /** Consecutive runs of one author, in order; their lengths add up to `content.length`. */
  spans: ReplaySpan[];
}

export class Replay {
  readonly #updates: PageUpdate[] = [];
  /** checkpoints[k] = the document after the first k × CHECKPOINT_EVERY updates. */
  readonly #checkpoints: Uint8Array[] = [];
  readonly #authors = new Map<number, PlaybackPerson>();
  #doc = new Y.Doc();
  /** How many updates #doc holds. */
  #position = 0;

  constructor() {
    this.#checkpoints.push(Y.encodeStateAsUpdate(this.#doc));
  }

  /** How many updates have been appended. */
  get length(): number {
    return this.#updates.length;
  }

  /** How many updates the current state holds (0 = before the first). */
  get position(): number {
    return this.#position;
  }

  update(index: number): PageUpdate | undefined {
    return this.#updates[index];
  }

  /**
   * Adds updates that follow the ones already here (a page, in `seq` order). Builds the
   * checkpoints they complete, so the cost of a page is paid once, when it arrives.
   */
  append(updates: readonly PageUpdate[]): void {
    const last = this.#updates.at(-1);
    let seq = last?.seq ?? 0;
    for (const u of updates) {
      if (u.seq <= seq) throw new Error(`history update ${u.seq} arrived after ${seq}: pages must come in order`);
      seq = u.seq;
      for (const client of Y.parseUpdateMeta(u.update).to.keys()) {
        if (!this.#authors.has(client)) this.#authors.set(client, u.who);
      }
      this.#updates.push(u);
    }
    const builder = new Y.Doc();
    const fromCheckpoint = this.#checkpoints.length - 1;
    Y.applyUpdate(builder, this.#checkpoints[fromCheckpoint] as Uint8Array);
    for (let i = fromCheckpoint * CHECKPOINT_EVERY; i < this.#updates.length; i++) {
      Y.applyUpdate(builder, (this.#updates[i] as PageUpdate).update);
      if ((i + 1) % CHECKPOINT_EVERY === 0) this.#checkpoints.push(Y.encodeStateAsUpdate(builder));
    }
    builder.destroy();
  }

  /** How many updates happened at or before `at` (unix ms): the position for that moment. */
  indexAt(at: number): number {
    let lo = 0;
    let hi = this.#updates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#updates[mid] as PageUpdate).at <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves the state to hold exactly the first `position` updates (clamped to what is here). */
  seek(position: number): void {
    const target = Math.max(0, Math.min(position, this.#updates.length));
    const checkpoint = Math.floor(target / CHECKPOINT_EVERY);
    // Forward within reach of the live doc: apply the gap. Otherwise restart from a checkpoint.
    if (target < this.#position || target - this.#position > target - checkpoint * CHECKPOINT_EVERY) {
      this.#doc.destroy();
      this.#doc = new Y.Doc();
      Y.applyUpdate(this.#doc, this.#checkpoints[checkpoint] as Uint8Array);
      this.#position = checkpoint * CHECKPOINT_EVERY;
    }
    for (; this.#position < target; this.#position++) {
      Y.applyUpdate(this.#doc, (this.#updates[this.#position] as PageUpdate).update);
    }
  }

  /** The files at the current position, by path, with who wrote each part. */
  files(): ReplayFile[] {
    return listFiles(this.#doc).map(({ id, path, text }) => ({
      id,
      path,
      content: text.toString(),
      spans: this.#spans(text),
    }));
  }

  /** The path Run would start from at the current position. */
  entry(): string | null {
    return entryFile(this.#doc)?.path ?? null;
  }

  #spans(text: Y.Text): ReplaySpan[] {
    const spans: ReplaySpan[] = [];
    for (let item = text._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const who = this.#authors.get(item.id.client) ?? null;
      const previous = spans.at(-1);
      if (previous && previous.who === who) previous.length += item.length;
      else spans.push({ who, length: item.length });
    }
    return spans;
  }
}
