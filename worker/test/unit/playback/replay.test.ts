/**
 * Reconstruction (playback/replay.ts), against stock Yjs clients: two people edit at
 * once (their changes cross in flight), rename and delete files, make one and delete it;
 * the files Replay gives at any position, reached by any path of seeks across its
 * checkpoints, are what a person's client held at that moment, and every character is
 * put to the person who typed it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { random } from '../../../../testing/random';
import { CHECKPOINT_EVERY, Replay, rebuild } from '../../../src/playback/replay';
import { createFile, deleteFile, fileByPath, listFiles, renameFile } from '../../../src/room/doc';
import { type Held, Interview } from './interview';

const ADA = { name: 'Ada', role: 'candidate' as const };
const GRACE = { name: 'Grace', role: 'interviewer' as const };
/** Each person types only their own letters, so the text says who wrote what. */
const LETTERS: Record<string, string> = { Ada: 'abc', Grace: 'xyz' };

function type(doc: Y.Doc, name: string, rand: () => number): void {
  const files = listFiles(doc);
  const file = files[Math.floor(rand() * files.length)];
  if (!file) return;
  const letters = LETTERS[name] ?? '?';
  const at = Math.floor(rand() * (file.text.length + 1));
  if (rand() < 0.1 && file.text.length > 3) file.text.delete(Math.min(at, file.text.length - 2), 2);
  else file.text.insert(at, letters[Math.floor(rand() * letters.length)] ?? '?');
}

/** A recorded interview long enough to cross several checkpoints. */
function record(): Interview {
  const rand = random(12);
  const interview = new Interview(rand);
  const ada = interview.join(ADA);
  const grace = interview.join(GRACE);
  // A file renamed by one person while the other types in it: the two changes cross.
  const util = createFile(ada, 'util.py', 'abc');
  interview.deliver('Ada');
  fileByPath(grace, 'util.py')?.text.insert(3, 'xyz');
  if (util.ok) renameFile(ada, util.id, 'helpers.py');
  interview.deliver('Ada');
  interview.deliver('Grace');
  // A file created and deleted again.
  createFile(ada, 'scratch.py', 'cab');
  interview.deliver('Ada');
  const scratch = fileByPath(grace, 'scratch.py');
  if (scratch) deleteFile(grace, scratch.id);
  interview.deliver('Grace');
  while (interview.history.length < 3 * CHECKPOINT_EVERY + 100) {
    type(ada, 'Ada', rand);
    type(grace, 'Grace', rand);
    if (rand() < 0.5) interview.deliver('Ada');
    if (rand() < 0.5) interview.deliver('Grace');
  }
  interview.deliver('Ada');
  interview.deliver('Grace');
  return interview;
}

const shown = (replay: Replay): Held => ({
  files: replay.files().map(({ path, content }) => ({ path, content })),
  entry: replay.entry(),
});

describe('reconstruction', () => {
  const interview = record();
  const replay = new Replay();
  // As the playback page gets them: page by page.
  for (let i = 0; i < interview.history.length; i += 300) replay.append(interview.history.slice(i, i + 300));

  it('[PLAY7] the files at every position are what a client held then, through renames, deletes and crossing edits', () => {
    expect(interview.held.at(-1)?.files.map((f) => f.path)).toEqual(['helpers.py', 'main.py']);
    expect(interview.held.at(-1)?.files.find((f) => f.path === 'helpers.py')?.content).toMatch(/x/);
    expect(interview.held.some((h) => h.files.some((f) => f.path === 'scratch.py'))).toBe(true);
    expect(replay.length).toBe(interview.history.length);
    for (let k = 0; k <= replay.length; k++) {
      replay.seek(k);
      expect(shown(replay), `position ${k}`).toEqual(interview.held[k]);
    }
  });

  it('[PLAY7] seeks back and forth across checkpoints land on the same files as playing there', () => {
    const rand = random(7);
    for (let i = 0; i < 200; i++) {
      const k = Math.floor(rand() * (replay.length + 1));
      replay.seek(k);
      expect(replay.position).toBe(k);
      expect(shown(replay), `seek ${i} to ${k}`).toEqual(interview.held[k]);
    }
    replay.seek(-5);
    expect(shown(replay)).toEqual(interview.held[0]);
    replay.seek(replay.length + 99);
    expect(replay.position).toBe(replay.length);
  });

  it('[PLAY7] a moment is the position after every update at or before it (several may share a millisecond)', () => {
    const { history } = interview;
    const first = history[0]?.at ?? 0;
    expect(replay.indexAt(first - 1)).toBe(0);
    for (const u of history.filter((_, i) => i % 37 === 0)) {
      const k = replay.indexAt(u.at);
      expect(history[k - 1]?.at).toBe(u.at);
      expect(history[k]?.at ?? Number.POSITIVE_INFINITY).toBeGreaterThan(u.at);
      replay.seek(k);
      expect(shown(replay)).toEqual(interview.held[k]);
    }
  });

  it('[PLAY7] every character is put to the person who typed it, and the spans add up to the content', () => {
    for (const k of [10, CHECKPOINT_EVERY + 3, replay.length]) {
      replay.seek(k);
      for (const file of replay.files()) {
        expect(file.spans.reduce((n, s) => n + s.length, 0)).toBe(file.content.length);
        let offset = 0;
        for (const span of file.spans) {
          const text = file.content.slice(offset, offset + span.length);
          offset += span.length;
          const letters = span.who ? (LETTERS[span.who.name] ?? '#\n') : '';
          for (const ch of text) expect(letters.includes(ch), `"${ch}" put to ${span.who?.name}`).toBe(true);
        }
      }
    }
  });

  it('[PLAY7] rebuilding from a checkpoint state gives the same files as replaying from the start', () => {
    const { history } = interview;
    for (const [from, to] of [
      [0, 40],
      [CHECKPOINT_EVERY, CHECKPOINT_EVERY + 200],
      [2 * CHECKPOINT_EVERY + 5, history.length],
    ] as const) {
      const base = new Y.Doc();
      for (const u of history.slice(0, from)) Y.applyUpdate(base, u.update);
      const state = from === 0 ? null : Y.encodeStateAsUpdate(base);
      const rebuilt = rebuild(
        state,
        history.slice(from, to).map((u) => u.update),
      );
      expect(rebuilt).toEqual(interview.held[to]);
    }
  });

  it('[PLAY7] pages must come in order', () => {
    const fresh = new Replay();
    fresh.append(interview.history.slice(0, 10));
    expect(() => fresh.append(interview.history.slice(5, 12))).toThrow(/in order/);
  });
});
