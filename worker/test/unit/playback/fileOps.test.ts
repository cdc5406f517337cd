/**
 * Seeing file operations as the room accepts them (playback/fileOps.ts): each with the
 * origin of the update that carried it, none for typing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type FileOp, watchFileOps } from '../../../src/playback/fileOps';
import { createFile, deleteFile, fileByPath, renameFile, seedDoc } from '../../../src/room/doc';

describe('file operations', () => {
  it('[PLAY9] created, renamed and deleted are seen with their origin; typing, and a file made and named at once, add nothing more', () => {
    const room = new Y.Doc();
    seedDoc(room, { path: 'main.py', content: 'print(1)\n' });
    const ops: [FileOp, unknown][] = [];
    const stop = watchFileOps(room, (op, origin) => ops.push([op, origin]));
    const ada = new Y.Doc();
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(room));
    const send = (doc: Y.Doc, origin: unknown, change: () => void) => {
      const before = Y.encodeStateVector(doc);
      change();
      Y.applyUpdate(room, Y.encodeStateAsUpdate(doc, before), origin);
    };
    const byAda = { connId: 'c1', name: 'Ada', role: 'candidate' };
    send(ada, byAda, () => createFile(ada, 'util.py', 'def f(): pass\n'));
    for (let i = 0; i < 20; i++) send(ada, byAda, () => fileByPath(ada, 'util.py')?.text.insert(0, 'x'));
    const util = fileByPath(ada, 'util.py');
    send(ada, byAda, () => util && renameFile(ada, util.id, 'helpers.py'));
    // The room's own change (no origin): a file made and made the entry in one transaction.
    room.transact(() => {
      createFile(room, 'main.go', 'package main\n');
    });
    const helpers = fileByPath(room, 'helpers.py');
    if (helpers) deleteFile(room, helpers.id);
    expect(ops).toEqual([
      [{ action: 'created', path: 'util.py', from: null }, byAda],
      [{ action: 'renamed', path: 'helpers.py', from: 'util.py' }, byAda],
      [{ action: 'created', path: 'main.go', from: null }, null],
      [{ action: 'deleted', path: 'helpers.py', from: null }, null],
    ]);
    stop();
    createFile(room, 'late.py');
    expect(ops).toHaveLength(4);
  });
});
