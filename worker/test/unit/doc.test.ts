/**
 * The shared document's schema and operations (doc.ts), with a second person
 * editing at the same time, and the migration of rooms made before file ids.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFile,
  DOC_SCHEMA,
  deleteFile,
  entryFile,
  fileByPath,
  listFiles,
  metaOf,
  migrateDoc,
  readFiles,
  renameFile,
  seedDoc,
  setEntry,
} from '../../src/room/doc';

/** Two documents that exchange every update, as two people in a room do. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  seedDoc(a, { path: 'main.py', content: 'print("hi")\n' });
  return { a, b };
}

const SOLUTION = 'def solve(xs):\n    return sorted(xs)\n\nprint(solve([3, 1, 2]))\n';

describe('doc', () => {
  it('[DOC1] a rename keeps the text, an edit made at the same moment, and undo', () => {
    const { a, b } = pair();
    const made = createFile(a, 'util.py', SOLUTION);
    if (!made.ok) throw new Error(made.problem);
    const undo = new Y.UndoManager((fileByPath(b, 'util.py') as { text: Y.Text }).text);
    // Bob types, then Ada renames while Bob's next edit is in flight (offline).
    fileByPath(b, 'util.py')?.text.insert(0, '# Bob\n');
    undo.stopCapturing();
    const bobOffline = new Y.Doc();
    Y.applyUpdate(bobOffline, Y.encodeStateAsUpdate(b));
    fileByPath(bobOffline, 'util.py')?.text.insert(0, '# offline\n');
    expect(renameFile(a, made.id, 'helpers.py')).toEqual({ ok: true });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(bobOffline, Y.encodeStateVector(a)));

    const renamed = fileByPath(a, 'helpers.py');
    expect(renamed?.id).toBe(made.id);
    expect(renamed?.text.toString()).toBe(`# offline\n# Bob\n${SOLUTION}`);
    expect(fileByPath(a, 'util.py')).toBeNull();
    // Bob's undo still reaches his own edit in the renamed file (and only his).
    undo.undo();
    expect(fileByPath(b, 'helpers.py')?.text.toString()).toBe(`# offline\n${SOLUTION}`);
  });

  it('[DOC2] names follow the executor rule and stay unique', () => {
    const { a } = pair();
    expect(createFile(a, 'main.py')).toMatchObject({ ok: false, problem: 'There is already a file named main.py.' });
    expect(createFile(a, '../etc/passwd')).toMatchObject({ ok: false });
    expect(createFile(a, '')).toMatchObject({ ok: false });
    const made = createFile(a, 'a.py');
    if (!made.ok) throw new Error(made.problem);
    expect(renameFile(a, made.id, 'main.py')).toMatchObject({ ok: false });
    expect(renameFile(a, made.id, 'a.py')).toEqual({ ok: true });
  });

  it('[DOC3] deleting the entry file moves the entry; the last file stays', () => {
    const { a, b } = pair();
    const main = entryFile(a);
    const made = createFile(b, 'b.py', 'print(2)\n');
    if (!made.ok || !main) throw new Error('setup');
    expect(setEntry(b, made.id)).toEqual({ ok: true });
    expect(entryFile(a)?.path).toBe('b.py');
    expect(deleteFile(a, made.id)).toEqual({ ok: true });
    expect(entryFile(b)?.id).toBe(main.id);
    expect(deleteFile(b, main.id)).toMatchObject({ ok: false, problem: 'A room keeps at least one file.' });
    expect(readFiles(a)).toEqual([{ path: 'main.py', content: 'print("hi")\n' }]);
  });

  it('[DOC4] readers skip what is malformed instead of crashing', () => {
    const { a } = pair();
    a.transact(() => {
      a.getMap('files').set('not-a-map-00', 'text' as never);
      const noText = new Y.Map();
      noText.set('path', 'x.py');
      a.getMap('files').set('no-text-0000', noText as never);
    });
    metaOf(a).set('entry', 'nothing-here');
    expect(listFiles(a).map((f) => f.path)).toEqual(['main.py']);
    expect(entryFile(a)?.path).toBe('main.py');
  });

  it('[DOC5] migrates a room made before file ids, once', () => {
    const old = new Y.Doc();
    old.transact(() => {
      old.getMap<Y.Text>('files').set('main.py', new Y.Text('import util\n'));
      old.getMap<Y.Text>('files').set('util.py', new Y.Text(SOLUTION));
      old.getMap('meta').set('title', 'T');
      old.getMap('meta').set('language', 'python');
      old.getMap('meta').set('activeFile', 'util.py');
    });
    expect(migrateDoc(old)).toBe(true);
    expect(readFiles(old)).toEqual([
      { path: 'main.py', content: 'import util\n' },
      { path: 'util.py', content: SOLUTION },
    ]);
    expect(entryFile(old)?.path).toBe('util.py');
    expect(metaOf(old).toJSON()).toEqual({ entry: entryFile(old)?.id, stdin: '', schema: DOC_SCHEMA });
    expect([...old.getMap('files').values()].every((v) => v instanceof Y.Map)).toBe(true);
    expect(migrateDoc(old)).toBe(false);
  });
});
