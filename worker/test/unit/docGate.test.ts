/**
 * The server's schema gate (docGate.ts): hostile updates are refused before they are
 * applied, and everything the doc module's operations produce passes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFile,
  deleteFile,
  entryFile,
  fileByPath,
  metaOf,
  readStdin,
  renameFile,
  seedDoc,
  setEntry,
  setStdin,
  stdinText,
} from '../../src/room/doc';
import { updateProblem } from '../../src/room/docGate';
import { encodeUpdate } from '../../src/room/protocol';
import { Room } from '../../src/room/room';
import { ListLog } from './listLog';

function room() {
  const server = new Y.Doc();
  seedDoc(server, { path: 'main.py', content: 'print(1)\n' });
  return server;
}

/** What a client that synced with `server` sends after `change`. */
function changeFrom(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

const hex = (s: string) => new Uint8Array(s.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? []);

describe('docGate', () => {
  it('[GATE1] passes every operation of the doc module', () => {
    const server = room();
    const ops: ((d: Y.Doc) => void)[] = [
      (d) => fileByPath(d, 'main.py')?.text.insert(0, '# hi\n'),
      (d) => fileByPath(d, 'main.py')?.text.delete(0, 3),
      (d) => createFile(d, 'util.py', 'x = 1\n'),
      (d) => renameFile(d, fileByPath(d, 'util.py')?.id ?? '', 'lib/helpers.py'),
      (d) => setEntry(d, fileByPath(d, 'lib/helpers.py')?.id ?? ''),
      (d) => deleteFile(d, fileByPath(d, 'lib/helpers.py')?.id ?? ''),
      (d) => createFile(d, 'lib/helpers.py', 'reborn\n'),
      (d) => setStdin(d, '3 4\n'),
      (d) => setStdin(d, '3 5\n'),
    ];
    for (const op of ops) {
      const update = changeFrom(server, op);
      expect(updateProblem(server, update)).toBeNull();
      Y.applyUpdate(server, update);
    }
    expect(fileByPath(server, 'lib/helpers.py')?.text.toString()).toBe('reborn\n');
    expect(readStdin(server)).toBe('3 5\n');
  });

  it('[GATE16] the shared stdin takes characters only', () => {
    const server = room();
    const embed = changeFrom(server, (d) => stdinText(d)?.insertEmbed(0, { x: 1 }));
    expect(updateProblem(server, embed)).toMatch(/characters only/);
    const notText = changeFrom(server, (d) => metaOf(d).set('stdin', 'plain string'));
    expect(updateProblem(server, notText)).toMatch(/meta.stdin must be text/);
  });

  it.each([
    ['a string in files', (d: Y.Doc) => d.getMap('files').set('abcdefghijkl', 'boom'), /must be a map/],
    ['null in files', (d: Y.Doc) => d.getMap('files').set('abcdefghijkl', null), /must be a map/],
    ['a text in files', (d: Y.Doc) => d.getMap('files').set('abcdefghijkl', new Y.Text('x')), /must be a map/],
    ['a bad file id', (d: Y.Doc) => d.getMap('files').set('main.py', new Y.Map()), /file id/],
    ['a new top-level type', (d: Y.Doc) => d.getText('code').insert(0, 'x'), /top-level/],
    ['an unknown meta key', (d: Y.Doc) => metaOf(d).set('activeFile', 'x'), /meta.activeFile/],
    ['an entry that does not exist', (d: Y.Doc) => metaOf(d).set('entry', 'abcdefghijkl'), /entry file/],
    ['a non-string entry', (d: Y.Doc) => metaOf(d).set('entry', 42), /meta.entry/],
    [
      'a path outside the room',
      (d: Y.Doc) =>
        fileByPath(d, 'main.py') &&
        d
          .getMap<Y.Map<unknown>>('files')
          .get(fileByPath(d, 'main.py')?.id ?? '')
          ?.set('path', '../x'),
      /must not contain/,
    ],
    [
      'a second file with the same name',
      (d: Y.Doc) => {
        const file = new Y.Map<unknown>();
        file.set('path', 'main.py');
        file.set('text', new Y.Text(''));
        d.getMap('files').set('abcdefghijkl', file);
      },
      /already a file named main.py/,
    ],
    [
      'a number as file text',
      (d: Y.Doc) =>
        d
          .getMap<Y.Map<unknown>>('files')
          .get(fileByPath(d, 'main.py')?.id ?? '')
          ?.set('text', 7),
      /file text must be text/,
    ],
    [
      'an embed in file text',
      (d: Y.Doc) => fileByPath(d, 'main.py')?.text.insertEmbed(0, { img: 'x' }),
      /characters only/,
    ],
  ])('[GATE2] refuses %s', (_what, change, problem) => {
    const server = room();
    const before = Y.encodeStateAsUpdate(server);
    expect(updateProblem(server, changeFrom(server, change))).toMatch(problem);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it('[GATE3] refuses an update whose dependencies the room lacks (it would stay pending)', () => {
    const server = room();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    fileByPath(client, 'main.py')?.text.insert(0, 'a');
    const sv = Y.encodeStateVector(client);
    fileByPath(client, 'main.py')?.text.insert(1, 'b');
    // Only the second edit: it depends on the first, which the server never got.
    expect(updateProblem(server, Y.encodeStateAsUpdate(client, sv))).toMatch(/does not have/);
  });

  it('[DOC8] offline work that made a file the entry survives that file being deleted meanwhile', () => {
    // The candidate's network drops; offline they type and press ▶ on util.py, while the
    // interviewer deletes util.py. Their reconnecting update must not be refused whole
    // (all their typing lost) for an entry that was valid when they set it: readers skip
    // an entry that names no file (DOC4).
    const server = new Room(new ListLog());
    server.seed('python');
    const interviewer = { connId: 'i', name: 'Ivy', role: 'interviewer' as const, canWrite: true };
    const candidate = { connId: 'c', name: 'Cam', role: 'candidate' as const, canWrite: true };
    const added = changeFrom(server.doc, (d) => createFile(d, 'util.py', 'def f(): pass\n'));
    expect(server.receive(interviewer, encodeUpdate(added))).toMatchObject([{ kind: 'send' }]);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server.doc));
    const synced = Y.encodeStateVector(offline);
    const main = fileByPath(offline, 'main.py');
    for (let i = 0; i < 40; i++) main?.text.insert(main.text.length, `line ${i}\n`);
    const util = fileByPath(offline, 'util.py');
    if (!util) throw new Error('util.py missing');
    setEntry(offline, util.id);
    const removed = changeFrom(server.doc, (d) => deleteFile(d, util.id));
    expect(server.receive(interviewer, encodeUpdate(removed))).toMatchObject([{ kind: 'send' }]);

    const effects = server.receive(candidate, encodeUpdate(Y.encodeStateAsUpdate(offline, synced)));
    expect(effects.filter((e) => e.kind === 'refused')).toEqual([]);
    expect(fileByPath(server.doc, 'main.py')?.text.toString()).toContain('line 39\n');
    expect(fileByPath(server.doc, 'util.py')).toBeNull();
    // Runs start from a file that exists.
    expect(entryFile(server.doc)?.path).toBe('main.py');
    // An entry naming a file the room never had is still refused.
    expect(
      updateProblem(
        server.doc,
        changeFrom(server.doc, (d) => metaOf(d).set('entry', 'abcdefghijkl')),
      ),
    ).toMatch(/entry file/);
  });

  it('[GATE4] the half-valid frame from the load investigation changes nothing', () => {
    // A new Y.Text at files['repro.py'], then a string whose parent id does not exist:
    // Yjs would integrate the first struct and throw on the second.
    const frame = hex('0002280102959aef3a0027010566696c657308726570726f2e7079020400959aef3a3c0678203d20310a00');
    const log = new ListLog();
    const server = new Room(log);
    server.seed('python');
    const before = server.snapshot();
    const effects = server.receive({ connId: 'x', name: 'X', role: 'candidate', canWrite: true }, frame);
    expect(effects).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(server.snapshot()).toEqual(before);
    expect(server.doc.store.pendingStructs).toBeNull();
    expect(log.updates).toHaveLength(1);
  });
});
