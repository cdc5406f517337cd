/**
 * How big the room's files are, against the one set of limits a room and a run share:
 * a file and all files together may hold what the executor takes (executor limits.ts),
 * so the room never keeps a file that Run then refuses; the encoded document has its
 * own bound (worker limits.ts) for storage. The server checks the document a change
 * would RESULT in (a delete always fits), and the web app checks the same numbers
 * before a change is applied locally, and draws its meter from them.
 *
 * @example
 * const problem = sizeProblem(measure(doc), measure(trialDoc));
 * if (problem) refuse('doc_too_large', `${problem} Your change was not applied.`);
 */
import * as Y from 'yjs';
import { MAX_DOC_BYTES, MAX_FILE_BYTES, MAX_FRAME_BYTES, MAX_TOTAL_FILE_BYTES } from '../limits';
import { listFiles } from './doc';

export { MAX_DOC_BYTES, MAX_FILE_BYTES, MAX_FRAME_BYTES, MAX_TOTAL_FILE_BYTES };

export interface DocSize {
  /** Each file's name and the UTF-8 bytes of its content, by file id (a rename keeps it). */
  files: Map<string, { path: string; bytes: number }>;
  /** UTF-8 bytes of all files' content together. */
  total: number;
  /** Bytes of the whole document as one update (what is stored); null when not measured. */
  encoded: number | null;
}

const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).byteLength;

/** The document's size; `encoded` costs one encode of the whole document. */
export function measure(doc: Y.Doc, { encoded = true } = {}): DocSize {
  const files = new Map<string, { path: string; bytes: number }>();
  let total = 0;
  for (const file of listFiles(doc)) {
    const bytes = utf8Bytes(file.text.toString());
    files.set(file.id, { path: file.path, bytes });
    total += bytes;
  }
  return { files, total, encoded: encoded ? Y.encodeStateAsUpdate(doc).byteLength : null };
}

/** "256 KB", "1 MB": limits as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Why a document of size `after` may not replace one of size `before`, in words, or
 * null when it may. Only growth past a limit is refused: a change that leaves a
 * measure at or below where it was (a delete) always fits, even in a room already
 * over a limit, so a room can never freeze.
 */
export function sizeProblem(before: DocSize, after: DocSize): string | null {
  for (const [id, { path, bytes }] of after.files) {
    const was = before.files.get(id)?.bytes ?? 0;
    if (bytes > MAX_FILE_BYTES && bytes > was) {
      return `${path} would be ${formatBytes(bytes)}; a file can hold at most ${formatBytes(MAX_FILE_BYTES)}.`;
    }
  }
  if (after.total > MAX_TOTAL_FILE_BYTES && after.total > before.total) {
    return `The room's files would be ${formatBytes(after.total)} together; they can hold at most ${formatBytes(MAX_TOTAL_FILE_BYTES)}. Delete something first.`;
  }
  if (
    after.encoded !== null &&
    before.encoded !== null &&
    after.encoded > MAX_DOC_BYTES &&
    after.encoded > before.encoded
  ) {
    return `The room's document would grow past ${formatBytes(MAX_DOC_BYTES)} with its history. Delete something first.`;
  }
  return null;
}

/**
 * Why the document `update` would turn `doc` into is too large, or null. `encodedBound` is
 * an upper bound of the encoded document (the room's stored log). The update's own size
 * bounds what it can add, so far from every limit nothing is measured; near one, the
 * update is applied to a copy and the result measured (a delete shrinks it).
 */
export function updateSizeProblem(doc: Y.Doc, update: Uint8Array, encodedBound: number): string | null {
  const room = update.byteLength;
  // The stored log holds every byte of content, so a small room needs no measuring.
  if (encodedBound + room <= MAX_FILE_BYTES) return null;
  const current = measure(doc, { encoded: false });
  const largest = Math.max(0, ...[...current.files.values()].map((f) => f.bytes));
  if (
    largest + room <= MAX_FILE_BYTES &&
    current.total + room <= MAX_TOTAL_FILE_BYTES &&
    encodedBound + room <= MAX_DOC_BYTES
  ) {
    return null;
  }
  const state = Y.encodeStateAsUpdate(doc);
  const trial = new Y.Doc();
  Y.applyUpdate(trial, state);
  Y.applyUpdate(trial, update);
  const after = measure(trial);
  trial.destroy();
  return sizeProblem({ ...current, encoded: state.byteLength }, after);
}

/** How full the room is, 0…1 and beyond: the larger of its content and its document. */
export function fullness(size: DocSize): number {
  const content = size.total / MAX_TOTAL_FILE_BYTES;
  return size.encoded === null ? content : Math.max(content, size.encoded / MAX_DOC_BYTES);
}
