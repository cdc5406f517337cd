/**
 * Comment threads anchored to code, in the room's shared doc (the `threads` root; the rest
 * of the schema is doc.ts). The server's gate (docGateThreads.ts), the web app and the
 * tests read and change threads only through this module. Private threads, kept from the
 * candidate, live in the panel's doc (panel/privateThreads.ts) and share the anchors below.
 *
 *   threads: Y.Map<ThreadId, Y.Map>
 *     file:     FileId                 the file the range is in (ids survive a rename)
 *     start:    Anchor                 the range's first character (assoc 0)
 *     end:      Anchor                 the range's last character (assoc -1)
 *     author, role, at                 who opened it and when (unix ms)
 *     resolved: boolean                the one field that changes after creation
 *     replies:  Y.Array<Reply>         the opening comment first, then each reply
 *
 * An anchor is a Yjs relative position (base64 of Y.encodeRelativePosition), so it follows
 * edits above and inside the range: the start sticks to the range's first character and the
 * end to its last, so text typed just before or just after the range stays outside it. When
 * every character of the range is deleted both ends meet: the thread then says its code was
 * deleted instead of jumping elsewhere (and an undo of that delete brings it back: Yjs
 * follows undone deletions).
 *
 * @example
 * const made = createThread(doc, { file: id, from: 10, to: 42, text: 'Why a set?', author: 'Ada', role: 'candidate' });
 * if (made.ok) replyTo(doc, made.id, { text: 'O(1) lookups', author: 'Bo', role: 'interviewer' });
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  MAX_ANCHOR_CHARS,
  MAX_COMMENT_CHARS,
  MAX_NAME_CHARS,
  MAX_REPLIES_PER_THREAD,
  MAX_THREADS_PER_ROOM,
} from '../limits';
import { displayNameProblem } from '../readableName';
import { type DocResult, type FileId, fileById, newFileId } from './doc';

export { MAX_COMMENT_CHARS, MAX_REPLIES_PER_THREAD, MAX_THREADS_PER_ROOM };

export type ThreadId = string;
/** Same shape as file ids: 12 base64url characters, random. */
export const THREAD_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
/** The keys of a thread's map, each required. */
export const THREAD_KEYS = ['file', 'start', 'end', 'author', 'role', 'at', 'resolved', 'replies'] as const;
/** Roles that write shared threads: the ones who may edit (observers are read-only). */
export const THREAD_ROLES = ['interviewer', 'candidate', 'observer'] as const;

export const threadsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>('threads');

/** base64 of an encoded relative position: checked by decoding it (anchorValue). */
export const anchorValue = z
  .string()
  .max(MAX_ANCHOR_CHARS, `must be at most ${MAX_ANCHOR_CHARS} characters`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .refine((s) => decodeAnchor(s) !== null, 'must be an encoded Yjs relative position');

export const commentText = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => s.length <= MAX_COMMENT_CHARS, `must be at most ${MAX_COMMENT_CHARS} characters`);
/** Counted as the room's admission counts it (readableName.ts): whoever joined writes under their name. */
export const authorName = z
  .string()
  .refine((s) => displayNameProblem(s) === null, `must be at most ${MAX_NAME_CHARS} characters`);
export const threadRole = z.enum(THREAD_ROLES);

/** One comment of a thread (the first is the one that opened it). */
export const replyValue = z
  .object({
    id: z.string().regex(THREAD_ID_PATTERN, 'must be 12 letters, digits, "-" or "_"'),
    author: authorName,
    role: threadRole,
    at: z.number().int().nonnegative(),
    text: commentText,
  })
  .strict();
export type Reply = z.infer<typeof replyValue>;

/** A thread's plain fields, judged one key at a time by the gate. */
export const threadFields = {
  file: z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'must be a file id'),
  start: anchorValue,
  end: anchorValue,
  author: authorName,
  role: threadRole,
  at: z.number().int().nonnegative(),
  resolved: z.boolean(),
} as const;

/** A thread's plain fields together, built once (zod compiles a schema on its first parse). */
const threadHeader = z.object(threadFields);

/** A thread as everyone reads it, shared or private. */
export interface ThreadView {
  id: ThreadId;
  file: FileId;
  start: string;
  end: string;
  author: string;
  role: (typeof THREAD_ROLES)[number];
  at: number;
  resolved: boolean;
  replies: Reply[];
}

/** Where a thread's range is now. */
export type Place =
  | { kind: 'live'; path: string; from: number; to: number }
  | { kind: 'code_deleted'; path: string }
  | { kind: 'file_deleted' };

export function encodeAnchor(position: Y.RelativePosition): string {
  return btoa(String.fromCharCode(...Y.encodeRelativePosition(position)));
}

export function decodeAnchor(anchor: string): Y.RelativePosition | null {
  try {
    const bytes = Uint8Array.from(atob(anchor), (c) => c.charCodeAt(0));
    const position = Y.decodeRelativePosition(bytes);
    return position.item || position.type || position.tname ? position : null;
  } catch {
    // Not base64, or not a relative position: the caller says which field is wrong.
    return null;
  }
}

/** The anchors of `[from, to)` in `text` (to > from): first and last character. */
export function anchorRange(text: Y.Text, from: number, to: number): { start: string; end: string } {
  return {
    start: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, from, 0)),
    end: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, to, -1)),
  };
}

/**
 * Where anchors are in the room's doc, for one reading of many threads. Yjs's own
 * createAbsolutePositionFromRelativePosition walks left from the character to the start of
 * its text for every anchor (measured: 24 ms for 100 threads in a 6 000-item file); this
 * walks each text once and looks each anchor's item up, with the same answers (a deleted
 * character is where it was; an undone delete is followed to the character that redid it).
 */
export class AnchorIndex {
  readonly #starts = new Map<Y.Text, Map<Y.Item, number>>();
  constructor(readonly doc: Y.Doc) {}

  /** The anchor's index in `text`, or null when it is not an anchor into `text`. */
  index(anchor: string, text: Y.Text): number | null {
    const position = decodeAnchor(anchor);
    if (!position) return null;
    if (!position.item) {
      // The start or end of a text: Yjs answers that without a walk.
      const absolute = Y.createAbsolutePositionFromRelativePosition(position, this.doc);
      return absolute && absolute.type === text ? absolute.index : null;
    }
    const found = this.#follow(position.item);
    if (!found || found.item.parent !== text) return null;
    const { item, diff } = found;
    const before = this.#startsOf(text).get(item) ?? 0;
    return before + (item.deleted || !item.countable ? 0 : diff + (position.assoc >= 0 ? 0 : 1));
  }

  /** The item holding `id` and the offset in it, following undone deletions (as Yjs's followRedone). */
  #follow(id: Y.ID): { item: Y.Item; diff: number } | null {
    const { store } = this.doc;
    let next: Y.ID | null = id;
    let found: { item: Y.Item; diff: number } | null = null;
    while (next) {
      if (Y.getState(store, next.client) <= next.clock) return found;
      const struct = Y.getItem(store, next);
      if (!(struct instanceof Y.Item)) return null;
      found = { item: struct, diff: next.clock - struct.id.clock };
      next = struct.redone ? Y.createID(struct.redone.client, struct.redone.clock + found.diff) : null;
    }
    return found;
  }

  #startsOf(text: Y.Text): Map<Y.Item, number> {
    let starts = this.#starts.get(text);
    if (!starts) {
      starts = new Map();
      let at = 0;
      for (let item = text._start; item; item = item.right) {
        starts.set(item, at);
        if (!item.deleted && item.countable) at += item.length;
      }
      this.#starts.set(text, starts);
    }
    return starts;
  }
}

/**
 * Where the range of a thread on `file` is in `doc` now (the room's doc: private threads
 * anchor into it too). Reading many threads at once, pass one AnchorIndex to all of them.
 */
export function placeOf(
  doc: Y.Doc,
  thread: Pick<ThreadView, 'file' | 'start' | 'end'>,
  anchors = new AnchorIndex(doc),
): Place {
  const file = fileById(doc, thread.file);
  if (!file) return { kind: 'file_deleted' };
  const from = anchors.index(thread.start, file.text);
  const to = anchors.index(thread.end, file.text);
  if (from === null || to === null || to <= from) return { kind: 'code_deleted', path: file.path };
  return { kind: 'live', path: file.path, from, to };
}

/** Every well-formed thread, oldest first; a malformed one is skipped. */
export function listThreads(doc: Y.Doc): ThreadView[] {
  const out: ThreadView[] = [];
  for (const [id, map] of threadsOf(doc).entries()) {
    if (!(map instanceof Y.Map)) continue;
    const replies = map.get('replies');
    if (!(replies instanceof Y.Array)) continue;
    const fields = threadHeader.safeParse(map.toJSON());
    if (!fields.success) continue;
    const parsed = replies.toArray().flatMap((r) => {
      const reply = replyValue.safeParse(r);
      return reply.success ? [reply.data] : [];
    });
    out.push({ id, ...fields.data, replies: parsed });
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

export interface NewThread {
  file: FileId;
  from: number;
  to: number;
  text: string;
  author: string;
  role: ThreadView['role'];
}

/** Why a comment cannot be written, or null. */
export function commentProblem(text: string): string | null {
  const parsed = commentText.safeParse(text);
  return parsed.success ? null : `A comment ${parsed.error.issues[0]?.message}.`;
}

export function createThread(doc: Y.Doc, input: NewThread, at = Date.now()): DocResult<{ id: ThreadId }> {
  const file = fileById(doc, input.file);
  if (!file) return { ok: false, problem: 'That file no longer exists.' };
  if (!(input.from >= 0 && input.to > input.from && input.to <= file.text.length)) {
    return { ok: false, problem: 'Select the code the comment is about first.' };
  }
  const wrong = commentProblem(input.text);
  if (wrong) return { ok: false, problem: wrong };
  if (threadsOf(doc).size >= MAX_THREADS_PER_ROOM) {
    return { ok: false, problem: `A room keeps at most ${MAX_THREADS_PER_ROOM} threads.` };
  }
  const id = newFileId();
  const thread = new Y.Map<unknown>();
  const { start, end } = anchorRange(file.text, input.from, input.to);
  doc.transact(() => {
    for (const [key, value] of Object.entries({
      file: input.file,
      start,
      end,
      author: input.author,
      role: input.role,
    })) {
      thread.set(key, value);
    }
    thread.set('at', at);
    thread.set('resolved', false);
    const replies = new Y.Array<Reply>();
    replies.push([{ id: newFileId(), author: input.author, role: input.role, at, text: input.text }]);
    thread.set('replies', replies);
    threadsOf(doc).set(id, thread);
  });
  return { ok: true, id };
}

export function replyTo(
  doc: Y.Doc,
  id: ThreadId,
  input: { text: string; author: string; role: ThreadView['role'] },
  at = Date.now(),
): DocResult {
  const replies = threadsOf(doc).get(id)?.get('replies');
  if (!(replies instanceof Y.Array)) return { ok: false, problem: 'That thread no longer exists.' };
  const wrong = commentProblem(input.text);
  if (wrong) return { ok: false, problem: wrong };
  if (replies.length >= MAX_REPLIES_PER_THREAD) {
    return { ok: false, problem: `A thread keeps at most ${MAX_REPLIES_PER_THREAD} comments.` };
  }
  replies.push([{ id: newFileId(), author: input.author, role: input.role, at, text: input.text }]);
  return { ok: true };
}

/** Resolves or reopens a thread. */
export function setResolved(doc: Y.Doc, id: ThreadId, resolved: boolean): DocResult {
  const thread = threadsOf(doc).get(id);
  if (!(thread instanceof Y.Map)) return { ok: false, problem: 'That thread no longer exists.' };
  if (thread.get('resolved') !== resolved) thread.set('resolved', resolved);
  return { ok: true };
}
