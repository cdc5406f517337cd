/**
 * Comment threads (room/threads.ts): anchors that follow edits, a range whose code was
 * deleted, limits; and the schema gate's rules for them (room/docGateThreads.ts).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMENT_CHARS, MAX_REPLIES_PER_THREAD, MAX_THREADS_PER_ROOM } from '../../src/limits';
import {
  createFile,
  DOC_SCHEMA,
  deleteFile,
  metaOf,
  migrateDoc,
  readFiles,
  readStdin,
  renameFile,
} from '../../src/room/doc';
import {
  AnchorIndex,
  anchorRange,
  createThread,
  decodeAnchor,
  listThreads,
  placeOf,
  replyTo,
  setResolved,
  threadsOf,
} from '../../src/room/threads';

import { asCandidate, main, rangeText, room, thread, threadOnReturn } from './threadFixture';

describe('comment threads', () => {
  it('[CMT2] an anchor follows edits above the range and inside it, and text typed at its ends stays outside', () => {
    const doc = room();
    const id = threadOnReturn(doc);
    expect(rangeText(doc, id)).toBe('return a + b');
    const text = main(doc).text;
    text.insert(0, '# a helper\n# with two lines\n');
    expect(rangeText(doc, id)).toBe('return a + b');
    const at = text.toString().indexOf('a + b');
    text.insert(at, 'int(');
    text.insert(text.toString().indexOf(' + b'), ')');
    expect(rangeText(doc, id)).toBe('return int(a) + b');
    // Typed right before the first character and right after the last: outside.
    text.insert(text.toString().indexOf('return'), 'x = 0; ');
    text.insert(text.toString().indexOf('+ b') + 3, '  # sum');
    expect(rangeText(doc, id)).toBe('return int(a) + b');
    // A second person's concurrent edit above, merged in.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    main(other).text.insert(0, 'import math\n');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(rangeText(doc, id)).toBe('return int(a) + b');
    expect(main(doc).text.toString().startsWith('import math\n')).toBe(true);
  });

  it('[CMT3] a thread whose whole range was deleted says so instead of moving, even after typing in the gap; an undo brings it back', () => {
    const doc = room();
    const id = threadOnReturn(doc);
    const text = main(doc).text;
    const undo = new Y.UndoManager(text);
    const from = text.toString().indexOf('return');
    // A partial delete shrinks the range.
    text.delete(from + 'return a'.length, ' + b'.length);
    expect(rangeText(doc, id)).toBe('return a');
    undo.stopCapturing();
    text.delete(from, 'return a'.length);
    expect(placeOf(doc, thread(doc, id))).toEqual({ kind: 'code_deleted', path: 'main.py' });
    text.insert(from, 'pass');
    expect(placeOf(doc, thread(doc, id)).kind).toBe('code_deleted');
    text.delete(from, 4);
    undo.undo();
    expect(rangeText(doc, id)).toBe('return a');
  });

  it('[CMT4] a thread follows its file through a rename and says when the file was deleted', () => {
    const doc = room();
    const id = threadOnReturn(doc);
    const fileId = main(doc).id;
    renameFile(doc, fileId, 'calc.py');
    expect(placeOf(doc, thread(doc, id))).toMatchObject({ kind: 'live', path: 'calc.py' });
    expect(createFile(doc, 'util.py', 'x = 1\n').ok).toBe(true);
    expect(deleteFile(doc, fileId).ok).toBe(true);
    expect(placeOf(doc, thread(doc, id))).toEqual({ kind: 'file_deleted' });
  });

  it('[CMT5] replies, resolve and reopen; the module refuses an empty or long comment and a thread past the limits', () => {
    const doc = room();
    const id = threadOnReturn(doc);
    expect(replyTo(doc, id, { text: 'Readability.', author: 'Ivy', role: 'interviewer' }).ok).toBe(true);
    expect(setResolved(doc, id, true).ok).toBe(true);
    expect(thread(doc, id)).toMatchObject({ resolved: true, author: 'Cara', role: 'candidate' });
    expect(thread(doc, id).replies.map((r) => r.text)).toEqual(['Why not sum()?', 'Readability.']);
    setResolved(doc, id, false);
    expect(thread(doc, id).resolved).toBe(false);
    expect(replyTo(doc, id, { text: '   ', ...asCandidate })).toMatchObject({
      ok: false,
      problem: 'A comment must not be empty.',
    });
    const long = replyTo(doc, id, { text: 'x'.repeat(MAX_COMMENT_CHARS + 1), ...asCandidate });
    expect(long).toMatchObject({ ok: false, problem: `A comment must be at most ${MAX_COMMENT_CHARS} characters.` });
    for (let i = thread(doc, id).replies.length; i < MAX_REPLIES_PER_THREAD; i++) {
      expect(replyTo(doc, id, { text: `r${i}`, ...asCandidate }).ok).toBe(true);
    }
    expect(replyTo(doc, id, { text: 'one more', ...asCandidate }).ok).toBe(false);
    for (let i = threadsOf(doc).size; i < MAX_THREADS_PER_ROOM; i++) threadOnReturn(doc);
    const over = createThread(doc, { file: main(doc).id, from: 0, to: 3, text: 'again', ...asCandidate });
    expect(over).toMatchObject({ ok: false, problem: `A room keeps at most ${MAX_THREADS_PER_ROOM} threads.` });
    expect(createThread(doc, { file: main(doc).id, from: 3, to: 3, text: 'empty range', ...asCandidate }).ok).toBe(
      false,
    );
  });
});

describe('reading anchors', () => {
  it('[CMT2] the one-walk AnchorIndex answers as Yjs does, through random edits, deletes, undos and redos by two people', () => {
    const doc = room();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const undo = new Y.UndoManager(main(doc).text, { captureTimeout: 0 });
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % Math.max(1, n);
    };
    const anchors: string[] = [];
    for (let step = 0; step < 150; step++) {
      const text = main(doc).text;
      const other = main(peer).text;
      const choice = random(6);
      if (choice === 0 && text.length > 2) text.delete(random(text.length - 1), 1 + random(3));
      else if (choice === 1) undo.undo();
      else if (choice === 2) undo.redo();
      else if (choice === 3) other.insert(random(other.length), 'ab');
      else text.insert(random(text.length), 'xy');
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
      const length = main(doc).text.length;
      if (length > 1 && step % 3 === 0) {
        const range = anchorRange(main(doc).text, random(length - 1), length);
        anchors.push(range.start, range.end);
      }
      const index = new AnchorIndex(doc);
      for (const anchor of anchors) {
        const position = decodeAnchor(anchor);
        const yjs = position ? Y.createAbsolutePositionFromRelativePosition(position, doc) : null;
        expect(index.index(anchor, main(doc).text)).toBe(yjs?.index ?? null);
      }
    }
  });
});

describe('the schema', () => {
  it('[CMT1] a room of schema 3 opens with its files and stdin as they were and moves to schema 4', () => {
    const old = room();
    metaOf(old).set('schema', 3);
    const before = { files: readFiles(old), stdin: readStdin(old), entry: metaOf(old).get('entry') };
    expect(migrateDoc(old)).toBe(true);
    expect({ files: readFiles(old), stdin: readStdin(old), entry: metaOf(old).get('entry') }).toEqual(before);
    expect(metaOf(old).get('schema')).toBe(DOC_SCHEMA);
    expect(DOC_SCHEMA).toBe(4);
    expect(migrateDoc(old)).toBe(false);
    expect(listThreads(old)).toEqual([]);
  });
});
