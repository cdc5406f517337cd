/**
 * The schema gate's rules about the document as a whole once an update is in (the gate
 * itself, struct by struct, is docGate.ts): at most MAX_FILES files, no two files with
 * one name (a rename that may lose to the current name keeps both names taken), and an
 * entry that names a file of the room (or one deleted while its writer was away).
 *
 * @example
 * const problem = checkWhole({ doc, ds, pathItems, createdFiles, entry, find });
 */
import { MAX_FILES } from '@codesync/executor/limits';
import * as Y from 'yjs';
import { fileById, filesOf, listFiles } from './doc';
import { type DeleteSet, type Struct, single } from './docGate';

/** What the gate gathered from an update that the whole-document rules need. */
export interface WholeInput {
  doc: Y.Doc;
  ds: DeleteSet;
  /** Every path value (or placeholder) the update writes, by file id. */
  pathItems: ReadonlyMap<string, { item: Y.Item; path: string | null }[]>;
  createdFiles: ReadonlySet<string>;
  /** The entry the update sets, if it sets one. */
  entry: unknown;
  /** The struct holding an id: in the update first, else in the document. */
  find(id: Y.ID): Struct | 'missing';
}

/**
 * Rules about the document as a whole once the update is in: names, entry, count. The
 * gate asks only for an update that writes a path, creates a file or sets the entry.
 */
export function checkWhole(gate: WholeInput): string | null {
  const { doc, ds, pathItems, createdFiles } = gate;
  const deleted = (id: string) => {
    const item = filesOf(doc).get(id)?._item;
    return item ? Y.isDeleted(ds, item.id) : false;
  };
  // The names each file may end up with: its final one, and while a rename may lose
  // to the current name (Yjs decides by client id), the current one too.
  const final = new Map<string, string[]>();
  for (const file of listFiles(doc)) if (!deleted(file.id)) final.set(file.id, [file.path]);
  for (const id of pathItems.keys()) {
    if (deleted(id)) continue;
    const names = possibleNames(gate, id);
    if (names.length > 0) final.set(id, names);
  }
  if (final.size > MAX_FILES) return `a room holds at most ${MAX_FILES} files`;
  const taken = new Map<string, string>();
  for (const [id, names] of final) {
    for (const path of names) {
      const other = taken.get(path);
      if (other !== undefined && other !== id) return `there is already a file named ${path}`;
      taken.set(path, id);
    }
  }
  if (gate.entry !== undefined) {
    const entry = gate.entry as string;
    // A file the room had and someone deleted meanwhile (its key keeps a deleted item) is
    // fine: the entry was valid where it was set (offline, say), and readers skip an
    // entry that names no file (DOC4). Refusing it would refuse the whole update, and
    // with it everything else its author typed (DOC8).
    const deletedMeanwhile = filesOf(doc)._map.get(entry)?.deleted === true;
    if (!createdFiles.has(entry) && !deletedMeanwhile && (!fileById(doc, entry) || deleted(entry))) {
      return 'the entry file must be a file in the room';
    }
  }
  return null;
}

/** Where the path writes of `fileId` can leave its name (one name when certain). */
function possibleNames(gate: WholeInput, fileId: string): string[] {
  const { doc, pathItems } = gate;
  const items = pathItems.get(fileId) ?? [];
  const fileItem = filesOf(doc)._map.get(fileId);
  const current =
    fileItem && !fileItem.deleted && fileItem.content instanceof Y.ContentType
      ? ((fileItem.content.type as Y.Map<unknown>)._map.get('path') ?? null)
      : null;
  const currentPath = current && !current.deleted ? single(current.content) : undefined;
  const next = new Map<Struct | null, { item: Y.Item; path: string | null }[]>();
  for (const entry of items) {
    const origin = entry.item.origin ? gate.find(entry.item.origin) : null;
    const from = origin === 'missing' ? null : origin;
    next.set(from, [...(next.get(from) ?? []), entry]);
  }
  // Certain: the writes form one chain starting right after the current value.
  let at: Struct | null = current && !current.deleted ? current : null;
  let name: string | null = typeof currentPath === 'string' ? currentPath : null;
  let walked = 0;
  for (;;) {
    const successors = next.get(at) ?? [];
    if (successors.length !== 1) break;
    const [successor] = successors as [{ item: Y.Item; path: string | null }];
    name = successor.path;
    at = successor.item;
    walked += 1;
  }
  if (walked === items.length && (next.get(at) ?? []).length === 0) return name === null ? [] : [name];
  const names = items.flatMap((e) => (e.path === null ? [] : [e.path]));
  if (typeof currentPath === 'string') names.push(currentPath);
  return [...new Set(names)];
}
