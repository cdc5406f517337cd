/**
 * The schema gate's rules for comment threads (the `threads` root, room/threads.ts); the
 * gate itself, struct by struct, is docGate.ts, which hands this class every item it
 * places under `threads`. A thread is written whole once (every key of THREAD_KEYS, its
 * replies a new array), then only `resolved` changes and replies are appended; the author
 * and role of a new thread or reply are the writer's own (the connection's name and role),
 * so nobody writes in another's name. Only a comment's author or the interviewer deletes it,
 * and only a thread's starter or the interviewer deletes a thread (or writes over its id). Counts and text lengths are bounded (limits.ts).
 *
 * @example
 * const gate = new ThreadGate(doc, { name: 'Ada', role: 'candidate' });
 * const problem = gate.item({ kind: 'root' }, 'abcdefghijkl', item).problem;
 */
import * as Y from 'yjs';
import type { Role } from '../auth/roles';
import { MAX_REPLIES_PER_THREAD, MAX_THREADS_PER_ROOM } from '../limits';
import type { DeleteSet } from './docGate';
import { replyValue, THREAD_ID_PATTERN, THREAD_KEYS, threadFields } from './threads';

/** Where an item under `threads` lands. */
export type ThreadPlace =
  | { kind: 'root' }
  | { kind: 'thread'; id: string; isNew: boolean }
  | { kind: 'replies'; id: string };

/** Who sent the update (the server's own writes have none and are not held to it). */
export interface Writer {
  name: string;
  role: Role;
}

type Judged = { problem: string | null; creates?: ThreadPlace };

export class ThreadGate {
  /** Keys given a value by this update, by thread id. */
  readonly #setKeys = new Map<string, Set<string>>();
  readonly #created = new Set<string>();
  readonly #newReplies = new Map<string, number>();

  constructor(
    readonly doc: Y.Doc,
    readonly writer?: Writer,
  ) {}

  /** The thread place of an existing type, or null when it is not under `threads`. */
  placeOfType(type: Y.AbstractType<unknown>): ThreadPlace | null {
    const threads = this.#root();
    if (!threads) return null;
    if ((type as unknown) === threads) return { kind: 'root' };
    const holder = type._item;
    if (type instanceof Y.Map && holder?.parent === threads && holder.parentSub) {
      return { kind: 'thread', id: holder.parentSub, isNew: false };
    }
    const thread = holder?.parent instanceof Y.Map ? holder.parent._item : null;
    if (type instanceof Y.Array && holder?.parentSub === 'replies' && thread?.parent === threads && thread.parentSub) {
      return { kind: 'replies', id: thread.parentSub };
    }
    return null;
  }

  /** Judges one new item (not a deleted placeholder) at `place`, key `sub`. */
  item(place: ThreadPlace, sub: string | null, content: Y.Item['content']): Judged {
    switch (place.kind) {
      case 'root': {
        if (!sub || !THREAD_ID_PATTERN.test(sub)) return bad('a thread id must be 12 letters, digits, "-" or "_"');
        if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return bad('a thread must be a map');
        const over = this.writesOver(sub);
        if (over) return bad(over);
        this.#created.add(sub);
        return { problem: null, creates: { kind: 'thread', id: sub, isNew: true } };
      }
      case 'thread':
        return this.#threadKey(place, sub, content);
      case 'replies': {
        if (sub !== null || !(content instanceof Y.ContentAny)) return bad("a thread's replies are plain values");
        for (const value of content.arr) {
          const parsed = replyValue.safeParse(value);
          if (!parsed.success) return bad(`a reply's ${issue(parsed.error)}`);
          const forged = this.#forged(parsed.data.author, parsed.data.role);
          if (forged) return bad(forged);
        }
        this.#newReplies.set(place.id, (this.#newReplies.get(place.id) ?? 0) + content.arr.length);
        return { problem: null };
      }
      default: {
        const unreachable: never = place;
        return unreachable;
      }
    }
  }

  #threadKey(place: { id: string; isNew: boolean }, sub: string | null, content: Y.Item['content']): Judged {
    if (!sub || !(THREAD_KEYS as readonly string[]).includes(sub)) {
      return bad(`threads.${String(sub).slice(0, 40)} is not part of a thread`);
    }
    if (!place.isNew && sub !== 'resolved') return bad(`a thread's ${sub} never changes once written`);
    const keys = this.#setKeys.get(place.id) ?? new Set<string>();
    keys.add(sub);
    this.#setKeys.set(place.id, keys);
    if (sub === 'replies') {
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Array)) {
        return bad("a thread's replies must be a list");
      }
      return { problem: null, creates: { kind: 'replies', id: place.id } };
    }
    const value = content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
    const parsed = threadFields[sub as keyof typeof threadFields].safeParse(value);
    if (!parsed.success) return bad(`a thread's ${sub} ${parsed.error.issues[0]?.message ?? 'is malformed'}`);
    if (sub === 'author' && this.writer && value !== this.writer.name) return bad(this.#forged(String(value), null));
    if (sub === 'role' && this.writer && value !== this.writer.role) return bad(this.#forged(null, String(value)));
    return { problem: null };
  }

  /** Why an author or role is not the writer's own, or null. */
  #forged(author: string | null, role: string | null): string | null {
    if (!this.writer) return null;
    if (author !== null && author !== this.writer.name) return 'a comment is written in your own name';
    if (role !== null && role !== this.writer.role) return `a comment carries your own role (${this.writer.role})`;
    return null;
  }

  /**
   * A delete may end a whole thread (its starter or the interviewer), a comment (its author
   * or the interviewer), or replace `resolved`, but never leaves a thread's key empty.
   * Cost: one look per thread and per comment item, a binary search only for an item whose
   * client the delete names.
   */
  deletes(ds: DeleteSet): string | null {
    const root = this.#root();
    if (ds.clients.size === 0 || !root) return null;
    for (const [id, thread] of root._map) {
      if (thread.deleted || !(thread.content instanceof Y.ContentType)) continue;
      const map = thread.content.type as Y.Map<unknown>;
      if (touches(ds, thread)) {
        // Its comments go with it, whoever wrote them.
        if (!this.#mayDelete(map)) return THREAD_DELETE;
        continue;
      }
      for (const key of THREAD_KEYS) {
        const item = map._map.get(key);
        if (!item || item.deleted || !Y.isDeleted(ds, item.id)) continue;
        if (this.#setKeys.get(id)?.has(key)) continue;
        return `it deletes a thread's ${key} and sets none`;
      }
      const replies = map.get('replies');
      if (!(replies instanceof Y.Array)) continue;
      for (let item = replies._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentAny) || !touches(ds, item)) continue;
        const { client, clock } = item.id;
        for (const [i, reply] of item.content.arr.entries()) {
          if (!Y.isDeleted(ds, Y.createID(client, clock + i))) continue;
          const { author, role } = (reply ?? {}) as { author?: unknown; role?: unknown };
          if (!this.#isWriterOrInterviewer(author, role)) return COMMENT_DELETE;
        }
      }
    }
    return null;
  }

  /**
   * Why a new value (a thread, or a deleted placeholder) under the thread id `sub` may not
   * be written, or null: it deletes the thread there (Yjs keeps one value a key).
   */
  writesOver(sub: string): string | null {
    const current = this.#root()?._map.get(sub);
    if (!current || current.deleted || !(current.content instanceof Y.ContentType)) return null;
    return this.#mayDelete(current.content.type as Y.Map<unknown>) ? null : THREAD_DELETE;
  }

  /** Whether the writer may delete this thread: they started it, or they are the interviewer. */
  #mayDelete(thread: Y.Map<unknown>): boolean {
    return this.#isWriterOrInterviewer(thread.get('author'), thread.get('role'));
  }

  /** The server's own writes, the interviewer's, and the author's own (the name and role CMT7 keeps). */
  #isWriterOrInterviewer(author: unknown, role: unknown): boolean {
    const { writer } = this;
    return !writer || writer.role === 'interviewer' || (author === writer.name && role === writer.role);
  }

  /** The `threads` root when the room has one; looking must not define it (the room's doc is judged as stored). */
  #root(): Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>> | undefined {
    return this.doc.share.get('threads');
  }

  /** Rules about all threads once the update is in: each new thread whole, the counts. */
  whole(): string | null {
    if (this.#created.size === 0 && this.#newReplies.size === 0) return null;
    for (const id of this.#created) {
      const missing = THREAD_KEYS.filter((key) => !this.#setKeys.get(id)?.has(key));
      if (missing.length > 0) return `a new thread needs its ${missing.join(', ')}`;
    }
    const live = new Map<string, Y.Item>();
    for (const [id, item] of this.#root()?._map ?? []) if (!item.deleted) live.set(id, item);
    const added = [...this.#created].filter((id) => !live.has(id)).length;
    if (added > 0 && live.size + added > MAX_THREADS_PER_ROOM) {
      return `a room keeps at most ${MAX_THREADS_PER_ROOM} threads`;
    }
    for (const [id, count] of this.#newReplies) {
      const content = live.get(id)?.content;
      const replies = content instanceof Y.ContentType ? (content.type as Y.Map<unknown>).get('replies') : null;
      const before = replies instanceof Y.Array ? replies.length : 0;
      if (before + count > MAX_REPLIES_PER_THREAD) return `a thread keeps at most ${MAX_REPLIES_PER_THREAD} comments`;
    }
    return null;
  }
}

const THREAD_DELETE = 'a thread is deleted only by whoever started it or the interviewer';
const COMMENT_DELETE = 'a comment is deleted only by its author or the interviewer';

/** Whether the delete set takes any part of `item`. */
function touches(ds: DeleteSet, item: Y.Item): boolean {
  const ranges = ds.clients.get(item.id.client);
  if (!ranges) return false;
  if (item.length === 1) return Y.isDeleted(ds, item.id); // a binary search
  const from = item.id.clock;
  const to = from + item.length;
  return ranges.some((r) => r.clock < to && r.clock + r.len > from);
}

const bad = (problem: string | null): Judged => ({ problem });
const issue = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  `${error.issues[0]?.path.map(String).join('.')} ${error.issues[0]?.message}`;
