/**
 * The room's shared Y.Doc: its schema, and every operation on it. The server, the web
 * app and the tests read and change the document only through this module, so the key
 * names live here and nowhere else.
 *
 *   files: Y.Map<FileId, Y.Map>   one entry per file, keyed by a stable random id
 *     path: string                the file's name (the executor's path rule); a rename
 *                                 changes only this field, so concurrent edits and each
 *                                 person's undo history survive it
 *     text: Y.Text                the content; never replaced
 *   meta: Y.Map
 *     entry: FileId               the file Run starts from ("Run main.py")
 *     stdin: Y.Text               the room's input for runs: shared, so the interviewer
 *                                 can prepare it, and kept with the room
 *     schema: number              DOC_SCHEMA; absent in rooms made before file ids
 *   threads: Y.Map                comment threads anchored to code (threads.ts owns them)
 *
 * Readers are tolerant (a file without a valid path or text is skipped, a missing
 * entry falls back) because a document can be odd in ways the server's gate cannot
 * rule out ahead of time: two people renaming two files to one name at the same
 * moment, or deleting the entry file while another picks it.
 *
 * @example
 * const made = createFile(doc, 'util.py', 'def helper(): ...\n');
 * if (made.ok) renameFile(doc, made.id, 'helpers.py');
 */
import { pathProblem } from '@codesync/executor/paths';
import { simpleDiffString } from 'lib0/diff';
import * as Y from 'yjs';

/**
 * 2: files keyed by id; 3: a shared `meta.stdin`; 4: comment threads (threads.ts). A root
 * appears when first written, so a room of 3 needs no conversion: only the number moves.
 */
export const DOC_SCHEMA = 4;

export type FileId = string;
/** Random ids: 12 base64url characters (72 bits) never collide between two people. */
export const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
export const FILE_KEYS = ['path', 'text'] as const;
export const META_KEYS = ['entry', 'stdin', 'schema'] as const;
export const ROOT_KEYS = ['files', 'meta', 'threads'] as const;

export interface FileView {
  id: FileId;
  path: string;
  text: Y.Text;
}

/** What a run is sent: every file's path and content. */
export interface FileContent {
  path: string;
  content: string;
}

export type DocResult<T = object> = ({ ok: true } & T) | { ok: false; problem: string };

export const filesOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>('files');
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');

export function newFileId(): FileId {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

function viewOf(id: string, file: unknown): FileView | null {
  if (!(file instanceof Y.Map)) return null;
  const path = file.get('path');
  const text = file.get('text');
  if (typeof path !== 'string' || !(text instanceof Y.Text)) return null;
  return { id, path, text };
}

/** Every well-formed file, by path; of two with one path, the lower id wins. */
export function listFiles(doc: Y.Doc): FileView[] {
  const byPath = new Map<string, FileView>();
  for (const [id, file] of filesOf(doc).entries()) {
    const view = viewOf(id, file);
    if (!view) continue;
    const other = byPath.get(view.path);
    if (!other || view.id < other.id) byPath.set(view.path, view);
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export function fileById(doc: Y.Doc, id: FileId): FileView | null {
  return viewOf(id, filesOf(doc).get(id));
}

export function fileByPath(doc: Y.Doc, path: string): FileView | null {
  return listFiles(doc).find((f) => f.path === path) ?? null;
}

/** The file Run starts from: the room's choice if it still exists, else the first file. */
export function entryFile(doc: Y.Doc): FileView | null {
  const entry = metaOf(doc).get('entry');
  const files = listFiles(doc);
  return files.find((f) => f.id === entry) ?? files[0] ?? null;
}

export function readFiles(doc: Y.Doc): FileContent[] {
  return listFiles(doc).map((f) => ({ path: f.path, content: f.text.toString() }));
}

/** Why `path` cannot name a file (other than `except`), or null. */
export function nameProblem(doc: Y.Doc, path: string, except?: FileId): string | null {
  const wrong = pathProblem(path);
  if (wrong) return `The file name ${wrong}.`;
  const taken = listFiles(doc).find((f) => f.path === path && f.id !== except);
  return taken ? `There is already a file named ${path}.` : null;
}

export function createFile(doc: Y.Doc, path: string, content = ''): DocResult<{ id: FileId }> {
  const problem = nameProblem(doc, path);
  if (problem) return { ok: false, problem };
  const id = newFileId();
  const file = new Y.Map<unknown>();
  file.set('path', path);
  file.set('text', new Y.Text(content));
  filesOf(doc).set(id, file);
  return { ok: true, id };
}

export function renameFile(doc: Y.Doc, id: FileId, path: string): DocResult {
  const file = filesOf(doc).get(id);
  if (!fileById(doc, id) || !file) return { ok: false, problem: 'That file no longer exists.' };
  const problem = nameProblem(doc, path, id);
  if (problem) return { ok: false, problem };
  if (file.get('path') !== path) file.set('path', path);
  return { ok: true };
}

/** Deletes a file; the last file stays (a room always has something to run). */
export function deleteFile(doc: Y.Doc, id: FileId): DocResult {
  const files = listFiles(doc);
  if (!files.some((f) => f.id === id)) return { ok: false, problem: 'That file no longer exists.' };
  if (files.length <= 1) return { ok: false, problem: 'A room keeps at least one file.' };
  doc.transact(() => {
    filesOf(doc).delete(id);
    // Keep the entry pointing at a file that exists.
    if (metaOf(doc).get('entry') === id) {
      const next = files.find((f) => f.id !== id);
      if (next) metaOf(doc).set('entry', next.id);
    }
  });
  return { ok: true };
}

export function setEntry(doc: Y.Doc, id: FileId): DocResult {
  if (!fileById(doc, id)) return { ok: false, problem: 'That file no longer exists.' };
  if (metaOf(doc).get('entry') !== id) metaOf(doc).set('entry', id);
  return { ok: true };
}

/** Adds a file and makes it the one Run starts from (a swapped-in question's starter). */
export function addEntryFile(doc: Y.Doc, path: string, content: string): DocResult<{ id: FileId }> {
  let made: DocResult<{ id: FileId }> = { ok: false, problem: 'not added' };
  doc.transact(() => {
    made = createFile(doc, path, content);
    if (made.ok) metaOf(doc).set('entry', made.id);
  });
  return made;
}

/** The room's shared stdin, or null before the server has written it. */
export function stdinText(doc: Y.Doc): Y.Text | null {
  const text = metaOf(doc).get('stdin');
  return text instanceof Y.Text ? text : null;
}

export function readStdin(doc: Y.Doc): string {
  return stdinText(doc)?.toString() ?? '';
}

/** Makes the shared stdin read `value` (replaceText), so two people typing in the box at once keep each other's characters. */
export function setStdin(doc: Y.Doc, value: string): DocResult {
  const text = stdinText(doc);
  if (!text) return { ok: false, problem: 'This room has no shared input yet; reload the page.' };
  replaceText(text, value);
  return { ok: true };
}

/**
 * Makes `text` read `value` by changing only what differs: one delete and one insert
 * between the common prefix and suffix (never splitting a surrogate pair), so what
 * another person types at the same moment, and who wrote the text kept, survive.
 */
export function replaceText(text: Y.Text, value: string): void {
  const { index, remove, insert } = simpleDiffString(text.toString(), value);
  if (remove === 0 && insert === '') return;
  const apply = () => {
    if (remove > 0) text.delete(index, remove);
    if (insert !== '') text.insert(index, insert);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/** A new room's document: one entry file. Written once, by the server. */
export function seedDoc(doc: Y.Doc, entry: FileContent, stdin = ''): void {
  doc.transact(() => {
    const made = createFile(doc, entry.path, entry.content);
    if (!made.ok) throw new Error(`seed: ${made.problem}`);
    metaOf(doc).set('entry', made.id);
    metaOf(doc).set('stdin', new Y.Text(stdin));
    metaOf(doc).set('schema', DOC_SCHEMA);
  });
}

/**
 * Rooms made before file ids kept `files: Y.Map<path, Y.Text>` and `meta.{title,
 * language, activeFile}`; rooms of schema 2 have no shared stdin. Moves each file to a fresh id (content copied: the old
 * texts' histories cannot be re-parented), points `entry` at the old active file and
 * drops the keys nobody reads, adds the stdin. Returns whether anything changed.
 */
export function migrateDoc(doc: Y.Doc): boolean {
  const meta = metaOf(doc);
  if (meta.get('schema') === DOC_SCHEMA) return false;
  const files = filesOf(doc);
  doc.transact(() => {
    const activePath = meta.get('activeFile');
    for (const [key, value] of [...files.entries()]) {
      if (value instanceof Y.Map) continue;
      // Read before deleting: a deleted Y.Text reads as empty.
      const content = (value as unknown) instanceof Y.Text ? (value as unknown as Y.Text).toString() : '';
      files.delete(key);
      if (pathProblem(key)) continue;
      const made = createFile(doc, key, content);
      if (made.ok && key === activePath) meta.set('entry', made.id);
    }
    for (const key of [...meta.keys()]) if (!(META_KEYS as readonly string[]).includes(key)) meta.delete(key);
    if (!fileById(doc, String(meta.get('entry')))) {
      const first = listFiles(doc)[0];
      if (first) meta.set('entry', first.id);
    }
    if (!stdinText(doc)) meta.set('stdin', new Y.Text());
    meta.set('schema', DOC_SCHEMA);
  });
  return true;
}

/**
 * Makes `file` the entry file (the language switch): a new file with its content, or,
 * when the room already has a file at that path (switching back to a language), that
 * file, its content kept. Every other file stays as it is.
 */
export function openEntryFile(doc: Y.Doc, file: FileContent): DocResult<{ id: FileId; created: boolean }> {
  const existing = fileByPath(doc, file.path);
  if (existing) {
    setEntry(doc, existing.id);
    return { ok: true, id: existing.id, created: false };
  }
  const made = doc.transact(() => {
    const created = createFile(doc, file.path, file.content);
    if (created.ok) metaOf(doc).set('entry', created.id);
    return created;
  });
  return made.ok ? { ok: true, id: made.id, created: true } : made;
}

/** Whether a transaction changed the document: Yjs emits 'update' for exactly these. */
export function changedDoc(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
}
