/**
 * The doc module's restore (restore/docRestore.ts): the files become exactly what they
 * were at a moment, across renames, deletes and creates, as one change a client could
 * have made (it passes the gate), and an edit another person makes at the same moment,
 * before they see the restore, is kept.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_FILE_BYTES, MAX_FILES } from '../../../src/limits';
import { restoreFiles, restoreSizeProblem, targetOf } from '../../../src/restore/docRestore';
import {
  createFile,
  deleteFile,
  entryFile,
  fileByPath,
  listFiles,
  readFiles,
  renameFile,
  seedDoc,
  setEntry,
} from '../../../src/room/doc';
import { updateProblem } from '../../../src/room/docGate';

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/** A room with three files at the moment to go back to, then renames, deletes, creates and edits. */
function interview() {
  const doc = new Y.Doc();
  seedDoc(doc, { path: 'main.py', content: 'def solve(xs):\n    return sorted(xs)\n\nprint(solve([3, 1, 2]))\n' });
  createFile(doc, 'util.py', 'def helper():\n    return 42\n');
  createFile(doc, 'notes.md', '# plan\n- sort\n');
  const moment = targetOf(doc);
  const id = (path: string) => fileByPath(doc, path)?.id ?? '';
  const util = id('util.py');
  const notes = id('notes.md');
  fileByPath(doc, 'main.py')?.text.insert(0, '# tried a heap\nimport heapq\n');
  fileByPath(doc, 'main.py')?.text.delete(40, 10);
  renameFile(doc, util, 'helpers.py');
  fileByPath(doc, 'helpers.py')?.text.insert(0, '# renamed\n');
  deleteFile(doc, notes);
  createFile(doc, 'scratch.py', 'print("scratch")\n');
  createFile(doc, 'util.py', 'a different util\n'); // the old name, another file
  setEntry(doc, id('scratch.py'));
  return { doc, moment, util, notes };
}

describe('restoring the files to a moment', () => {
  it('[RST2] gives exactly the files of the moment: changed back, renamed back, created since gone, deleted since back under their ids', () => {
    const { doc, moment, util, notes } = interview();
    const main = fileByPath(doc, 'main.py');
    const done = restoreFiles(doc, moment);
    expect(done).toEqual({ ok: true });
    expect(readFiles(doc)).toEqual(
      moment.files.map(({ path, content }) => ({ path, content })).sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(targetOf(doc)).toEqual(moment);
    expect(
      listFiles(doc)
        .map((f) => f.id)
        .sort(),
    ).toEqual(moment.files.map((f) => f.id).sort());
    expect(fileByPath(doc, 'util.py')?.id).toBe(util); // renamed back, the newcomer with that name gone
    expect(fileByPath(doc, 'notes.md')?.id).toBe(notes); // back under its old id
    expect(fileByPath(doc, 'main.py')?.text).toBe(main?.text); // the same Y.Text: undo histories stay
    expect(entryFile(doc)?.path).toBe('main.py');
  });

  it('[RST2] is a change a client could have made: it passes the server gate, and another client applying it converges', () => {
    const { doc, moment } = interview();
    const client = new Y.Doc();
    sync(doc, client);
    const before = Y.encodeStateVector(client);
    restoreFiles(client, moment);
    const update = Y.encodeStateAsUpdate(client, before);
    expect(updateProblem(doc, update)).toBeNull();
    Y.applyUpdate(doc, update);
    expect(targetOf(doc)).toEqual(moment);
  });

  it('[RST3] keeps an edit another person made at the same moment, before they saw the restore', () => {
    const { doc: server, moment } = interview();
    const other = new Y.Doc();
    sync(server, other);
    // Typed in main.py and helpers.py while the restore was being made.
    fileByPath(other, 'main.py')?.text.insert(0, 'TYPED');
    const helpers = fileByPath(other, 'helpers.py')?.text;
    helpers?.insert(helpers.length, '# more\n');
    restoreFiles(server, moment);
    sync(other, server);
    sync(server, other);
    expect(readFiles(other)).toEqual(readFiles(server));
    const main = fileByPath(server, 'main.py')?.text.toString() ?? '';
    expect(main).toContain('TYPED');
    expect(main.replace('TYPED', '')).toBe(moment.files.find((f) => f.path === 'main.py')?.content);
    const util = fileByPath(server, 'util.py')?.text.toString() ?? '';
    expect(util).toContain('# more\n');
    expect(util.replace('# more\n', '')).toBe(moment.files.find((f) => f.path === 'util.py')?.content);
  });

  it('[RST3] changes only what differs: text the restore keeps is not rewritten', () => {
    const doc = new Y.Doc();
    seedDoc(doc, { path: 'main.py', content: 'a\nb\nc\n' });
    const moment = targetOf(doc);
    fileByPath(doc, 'main.py')?.text.insert(2, 'x\n');
    let inserted = 0;
    let deleted = 0;
    fileByPath(doc, 'main.py')?.text.observe((event) => {
      for (const d of event.delta) {
        if (typeof d.insert === 'string') inserted += d.insert.length;
        if (d.delete) deleted += d.delete;
      }
    });
    restoreFiles(doc, moment);
    expect(fileByPath(doc, 'main.py')?.text.toString()).toBe('a\nb\nc\n');
    expect({ inserted, deleted }).toEqual({ inserted: 0, deleted: 2 });
  });

  it('[RST4] refuses a moment without files, changing nothing', () => {
    const { doc } = interview();
    const before = readFiles(doc);
    expect(restoreFiles(doc, { files: [], entry: null })).toEqual({
      ok: false,
      problem: expect.stringMatching(/no files/),
    });
    expect(readFiles(doc)).toEqual(before);
  });

  it('[RST6] refuses a restore that would take the room past its limits, and takes one that shrinks it', () => {
    const doc = new Y.Doc();
    seedDoc(doc, { path: 'main.py', content: 'print(1)\n' });
    const big = { id: 'bigbigbigbig', path: 'big.py', content: 'x'.repeat(MAX_FILE_BYTES + 1) };
    const grow = { files: [...targetOf(doc).files, big], entry: null };
    expect(restoreSizeProblem(doc, grow)).toMatch(/big\.py would be .*at most/);
    const many = {
      files: Array.from({ length: MAX_FILES + 1 }, (_, i) => ({
        id: `file${String(i).padStart(8, '0')}`,
        path: `f${i}.py`,
        content: '',
      })),
      entry: null,
    };
    expect(restoreSizeProblem(doc, many)).toMatch(new RegExp(`at most ${MAX_FILES}`));
    // A room already over (an older room) restored to a smaller moment is taken.
    const small = targetOf(doc);
    restoreFiles(doc, grow);
    expect(restoreSizeProblem(doc, small)).toBeNull();
  });
});
