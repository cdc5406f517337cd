/**
 * The doc module's restore operation (SPEC RST2): makes the room's files what they were
 * at an earlier moment, as one new change on top of everything since, so the history
 * keeps every edit and the restore itself can be undone by another restore.
 *
 * Files are matched by id (doc.ts): a file that still exists keeps its Y.Text and only
 * the characters that differ change (replaceText), so someone typing at the same moment
 * keeps their characters and each person's undo history stays; a file renamed since gets
 * its old name back; a file created since goes; a file deleted since comes back under
 * its old id with its content. Paths may swap between files in one restore: the whole
 * change is one transaction, and at its end every path is unique again (the target's
 * are, listFiles made them so).
 *
 * @example
 * const target = targetOf(pastDoc);     // the files at the moment, with their ids
 * const done = restoreFiles(room.doc, target);
 */
import * as Y from 'yjs';
import { MAX_FILES } from '../limits';
import { type FileId, fileById, filesOf, listFiles, metaOf, replaceText } from '../room/doc';
import { measure, sizeProblem } from '../room/docSize';

/** One file as it was: its id, name and content. */
export interface TargetFile {
  id: FileId;
  path: string;
  content: string;
}

/** The files at a moment and the file Run started from then (an id, or null). */
export interface RestoreTarget {
  files: TargetFile[];
  entry: FileId | null;
}

/** What a document held: every well-formed file with its id, and its entry if that file exists. */
export function targetOf(doc: Y.Doc): RestoreTarget {
  const files = listFiles(doc).map(({ id, path, text }) => ({ id, path, content: text.toString() }));
  const entry = metaOf(doc).get('entry');
  return { files, entry: typeof entry === 'string' && files.some((f) => f.id === entry) ? entry : null };
}

/**
 * Makes `doc`'s files exactly `target`'s, in one transaction. Refuses (changing nothing)
 * a target without files: a room always keeps one (DOC3).
 */
export function restoreFiles(doc: Y.Doc, target: RestoreTarget): { ok: true } | { ok: false; problem: string } {
  if (target.files.length === 0) return { ok: false, problem: 'the room had no files yet at that moment' };
  const files = filesOf(doc);
  const wanted = new Map(target.files.map((f) => [f.id, f]));
  doc.transact(() => {
    for (const id of [...files.keys()]) if (!wanted.has(id)) files.delete(id);
    for (const file of target.files) {
      const live = fileById(doc, file.id);
      if (live) {
        if (live.path !== file.path) files.get(file.id)?.set('path', file.path);
        replaceText(live.text, file.content);
      } else {
        // Deleted since (or malformed): back under its old id, as a whole new file.
        const map = new Y.Map<unknown>();
        map.set('path', file.path);
        map.set('text', new Y.Text(file.content));
        files.set(file.id, map);
      }
    }
    const entry = target.entry ?? target.files[0]?.id;
    if (entry && metaOf(doc).get('entry') !== entry) metaOf(doc).set('entry', entry);
  });
  return { ok: true };
}

/**
 * Why restoring `target` would take the room past its limits (LIM9), in words, or null.
 * Measured on a copy the restore is tried on: only growth past a limit is refused, as
 * for any change (docSize.ts), so restoring a room already over one to a smaller moment works.
 */
export function restoreSizeProblem(doc: Y.Doc, target: RestoreTarget): string | null {
  const count = target.files.length;
  if (count > MAX_FILES && count > listFiles(doc).length) {
    return `The room had ${count} files then; a room holds at most ${MAX_FILES}.`;
  }
  const trial = new Y.Doc();
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
  restoreFiles(trial, target);
  const problem = sizeProblem(measure(doc), measure(trial));
  trial.destroy();
  return problem;
}
