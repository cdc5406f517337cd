/**
 * Sees files being created, renamed and deleted in the room's document, as each
 * transaction ends, so the timeline can record them with their author at the moment
 * the room accepts them.
 *
 * Cheap by construction (the room is the hot path of issue 19): no deep observer, no
 * look at text. A transaction's `changed` map names the types whose own keys changed:
 * a keystroke lists its Y.Text, and costs one iteration and a Set lookup here; only the
 * `files` map (a file added or removed) and a file's own map with its `path` key (a
 * rename) are acted on. A new file's map is not listed (Yjs lists only types that
 * existed before the transaction), so a file created and named at once is one event.
 *
 * @example
 * const stop = watchFileOps(room.doc, (op, origin) => timeline.file(who(origin), op, Date.now()));
 */
import * as Y from 'yjs';
import { filesOf } from '../room/doc';

export interface FileOp {
  action: 'created' | 'renamed' | 'deleted';
  path: string;
  /** The old path of a rename, else null. */
  from: string | null;
}

const pathOf = (file: unknown): string | null => {
  if (!(file instanceof Y.Map)) return null;
  const path = file.get('path');
  return typeof path === 'string' ? path : null;
};

/**
 * Calls `record` for every file operation in each transaction of `doc` from now on,
 * with the transaction's origin (the room's Author, or null for the room's own
 * changes). `record` must not throw: Yjs is mid-cleanup when it is called.
 * Returns a function that stops watching.
 */
export function watchFileOps(doc: Y.Doc, record: (op: FileOp, origin: unknown) => void): () => void {
  const files = filesOf(doc);
  /** Each file's path as last seen: a deleted file's and a renamed file's old path come from here. */
  const paths = new Map<string, string>();
  for (const [id, file] of files.entries()) {
    const path = pathOf(file);
    if (path !== null) paths.set(id, path);
  }
  const seen = (id: string, now: string | null, origin: unknown) => {
    const before = paths.get(id) ?? null;
    if (now === before) return;
    if (now === null) paths.delete(id);
    else paths.set(id, now);
    if (before === null && now !== null) record({ action: 'created', path: now, from: null }, origin);
    else if (before !== null && now === null) record({ action: 'deleted', path: before, from: null }, origin);
    else if (before !== null && now !== null) record({ action: 'renamed', path: now, from: before }, origin);
  };
  const onTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === files) {
        for (const id of keys) if (id !== null) seen(id, pathOf(files.get(id)), tr.origin);
      } else if (keys.has('path') && type._item?.parent === files && type._item.parentSub !== null) {
        seen(type._item.parentSub, pathOf(type), tr.origin);
      }
    }
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
