/**
 * Private comment threads: the interviewer's and observers' threads on the code, kept in
 * the panel's doc (panelDoc.ts), which a candidate's socket can never open (PANEL1), so no
 * byte of them reaches a candidate. They anchor into the room's doc like shared threads
 * (room/threads.ts: the panel doc holds the encoded relative positions, resolved against
 * the room's doc by placeOf).
 *
 * ```
 * privateThreads: Y.Map<ThreadId, {file, start, end, author, role, at, resolved}>
 * privateReplies: Y.Map<ReplyId, {thread, author, role, at, text}>   the opening comment too
 * ```
 *
 * Plain JSON values, as the panel's gate wants (panelGate.ts); replies are keys of their
 * own so two people replying at once both keep theirs.
 *
 * @example
 * const made = createPrivateThread(panel, room, { file, from: 0, to: 8, text: 'Ask about this', author: 'Ivy', role: 'interviewer' });
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Role } from '../auth/roles';
import { MAX_REPLIES_PER_THREAD, MAX_THREADS_PER_ROOM } from '../limits';
import { type DocResult, fileById, newFileId } from '../room/doc';
import {
  anchorRange,
  commentProblem,
  type NewThread,
  type Reply,
  replyValue,
  THREAD_ID_PATTERN,
  type ThreadView,
  threadFields,
} from '../room/threads';

export const privateThreadsOf = (doc: Y.Doc) => doc.getMap<unknown>('privateThreads');
export const privateRepliesOf = (doc: Y.Doc) => doc.getMap<unknown>('privateReplies');

export const privateThreadValue = z.object(threadFields).strict();
export const privateReplyValue = replyValue
  .omit({ id: true })
  .extend({ thread: z.string().regex(THREAD_ID_PATTERN, 'must be a thread id') })
  .strict();

/** Who sent a change to the panel's doc: their connection's name and role. */
export interface PanelWriter {
  name: string;
  role: Role;
}

/**
 * Why a value under `key` of a private-thread map is refused, or null (the panel gate
 * asks, with `before`: the panel's doc as it was before the update). As for shared threads
 * (room/docGateThreads.ts): a new thread or comment is in the writer's own name and role,
 * a thread once written changes only `resolved`, and a comment never changes.
 */
export function privateValueProblem(
  map: 'privateThreads' | 'privateReplies',
  key: string,
  value: unknown,
  writer: PanelWriter,
  before: Y.Doc,
): string | null {
  if (!THREAD_ID_PATTERN.test(key))
    return `${map}: "${key.slice(0, 30)}" is not an id of 12 letters, digits, "-" or "_"`;
  const parsed = (map === 'privateThreads' ? privateThreadValue : privateReplyValue).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${map}.${key}: ${issue?.path.map(String).join('.')} ${issue?.message}`;
  }
  if (map === 'privateReplies') {
    if (privateRepliesOf(before).has(key)) return `${map}.${key}: a comment never changes once written`;
  } else {
    const was = privateThreadValue.safeParse(privateThreadsOf(before).get(key));
    if (was.success) {
      const now = parsed.data as z.infer<typeof privateThreadValue>;
      const fields = Object.keys(threadFields) as (keyof typeof threadFields)[];
      const changed = fields.find((field) => field !== 'resolved' && !Object.is(was.data[field], now[field]));
      return changed ? `${map}.${key}: a thread's ${changed} never changes once written` : null;
    }
  }
  if (parsed.data.author !== writer.name) return `${map}.${key}: a comment is written in your own name`;
  if (parsed.data.role !== writer.role) return `${map}.${key}: a comment carries your own role (${writer.role})`;
  return null;
}

/** Why the panel doc's private threads are past a limit, or null. */
export function privateCountProblem(doc: Y.Doc): string | null {
  if (privateThreadsOf(doc).size > MAX_THREADS_PER_ROOM) return `privateThreads: at most ${MAX_THREADS_PER_ROOM}`;
  const perThread = new Map<string, number>();
  for (const value of privateRepliesOf(doc).values()) {
    const thread = (value as { thread?: unknown } | null)?.thread;
    if (typeof thread === 'string') perThread.set(thread, (perThread.get(thread) ?? 0) + 1);
  }
  for (const count of perThread.values()) {
    if (count > MAX_REPLIES_PER_THREAD) return `privateReplies: at most ${MAX_REPLIES_PER_THREAD} comments a thread`;
  }
  if (privateRepliesOf(doc).size > MAX_THREADS_PER_ROOM * MAX_REPLIES_PER_THREAD) return 'privateReplies: too many';
  return null;
}

/** Every well-formed private thread with its replies (oldest first), in the shape of a shared one. */
export function listPrivateThreads(doc: Y.Doc): ThreadView[] {
  const replies = new Map<string, Reply[]>();
  for (const [id, value] of privateRepliesOf(doc).entries()) {
    const parsed = privateReplyValue.safeParse(value);
    if (!parsed.success) continue;
    const { thread, ...reply } = parsed.data;
    replies.set(thread, [...(replies.get(thread) ?? []), { id, ...reply }]);
  }
  const out: ThreadView[] = [];
  for (const [id, value] of privateThreadsOf(doc).entries()) {
    const parsed = privateThreadValue.safeParse(value);
    if (!parsed.success) continue;
    const list = (replies.get(id) ?? []).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    out.push({ id, ...parsed.data, replies: list });
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** Opens a private thread on a range of the room's doc (`room`), written to the panel doc. */
export function createPrivateThread(
  panel: Y.Doc,
  room: Y.Doc,
  input: NewThread,
  at = Date.now(),
): DocResult<{ id: string }> {
  const file = fileById(room, input.file);
  if (!file) return { ok: false, problem: 'That file no longer exists.' };
  if (!(input.from >= 0 && input.to > input.from && input.to <= file.text.length)) {
    return { ok: false, problem: 'Select the code the comment is about first.' };
  }
  const wrong = commentProblem(input.text);
  if (wrong) return { ok: false, problem: wrong };
  if (privateThreadsOf(panel).size >= MAX_THREADS_PER_ROOM) {
    return { ok: false, problem: `The panel keeps at most ${MAX_THREADS_PER_ROOM} private threads.` };
  }
  const id = newFileId();
  const { start, end } = anchorRange(file.text, input.from, input.to);
  const { author, role } = input;
  panel.transact(() => {
    privateThreadsOf(panel).set(id, { file: input.file, start, end, author, role, at, resolved: false });
    privateRepliesOf(panel).set(newFileId(), { thread: id, author, role, at, text: input.text });
  });
  return { ok: true, id };
}

export function replyPrivately(
  panel: Y.Doc,
  id: string,
  input: { text: string; author: string; role: ThreadView['role'] },
  at = Date.now(),
): DocResult {
  const thread = listPrivateThreads(panel).find((t) => t.id === id);
  if (!thread) return { ok: false, problem: 'That thread no longer exists.' };
  const wrong = commentProblem(input.text);
  if (wrong) return { ok: false, problem: wrong };
  if (thread.replies.length >= MAX_REPLIES_PER_THREAD) {
    return { ok: false, problem: `A thread keeps at most ${MAX_REPLIES_PER_THREAD} comments.` };
  }
  privateRepliesOf(panel).set(newFileId(), {
    thread: id,
    author: input.author,
    role: input.role,
    at,
    text: input.text,
  });
  return { ok: true };
}

export function setPrivateResolved(panel: Y.Doc, id: string, resolved: boolean): DocResult {
  const parsed = privateThreadValue.safeParse(privateThreadsOf(panel).get(id));
  if (!parsed.success) return { ok: false, problem: 'That thread no longer exists.' };
  if (parsed.data.resolved !== resolved) privateThreadsOf(panel).set(id, { ...parsed.data, resolved });
  return { ok: true };
}
