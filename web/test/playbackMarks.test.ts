import { EditorState } from '@codemirror/state';
import type { PlaybackEvent } from '@codesync/worker/playback-schema';
import { expect, it } from 'vitest';
import { authorColours, authorMarks, textChange } from '../src/playback/authorMarks';
import { markerOf } from '../src/playback/markers';

const cara = { name: 'Cara', role: 'candidate' as const };
const T = 1_800_000_000_000;

it('[PLAYW6] each person gets a colour nobody else has, and the text they wrote is marked with it', () => {
  const colours = authorColours(12);
  expect(new Set(colours).size).toBe(12);
  const set = authorMarks(
    [
      { person: 0, length: 3 },
      { person: -1, length: 2 },
      { person: 1, length: 4 },
    ],
    colours,
    9,
  );
  const ranges: [number, number, string | undefined][] = [];
  set.between(0, 9, (from, to, value) => {
    ranges.push([from, to, value.spec.attributes?.['data-person']]);
  });
  // Text the history names no one for stays unmarked.
  expect(ranges).toEqual([
    [0, 3, '0'],
    [5, 9, '1'],
  ]);
  expect(authorMarks([{ person: 0, length: 50 }], colours, 4).size).toBe(1);
});

it('[PLAYW6] a frame is applied as the smallest change, and applying it gives exactly the new text', () => {
  const pairs = [
    ['print(1)\n', 'print(12)\n'],
    ['abcabc', 'abc'],
    ['', 'def main():\n  pass\n'],
    ['same', 'same'],
    ['xxxx', 'xx'],
    ['héllo 🌍 wörld', 'héllo 🌏 wörld'],
  ] as const;
  for (const [before, after] of pairs) {
    const change = textChange(before, after);
    const state = EditorState.create({ doc: before });
    const next = change ? state.update({ changes: change }).state : state;
    expect(next.doc.toString()).toBe(after);
  }
  expect(textChange('print(1)\n', 'print(12)\n')).toEqual({ from: 7, to: 7, insert: '2' });
});

it('[PLAYW4] markers name each event in words, runs by their verdict and tests by passed/total', () => {
  const run = (over: Partial<Extract<PlaybackEvent, { type: 'run' }>>): PlaybackEvent => ({
    type: 'run',
    at: T,
    runId: 'r1',
    kind: 'run',
    who: cara,
    finishedAt: T + 1500,
    verdict: 'ok',
    passed: null,
    total: null,
    ...over,
  });
  expect(markerOf(run({}))).toMatchObject({ tone: 'good', runId: 'r1', label: 'Run by Cara: OK in 1.5 s' });
  expect(markerOf(run({ verdict: 'runtime_error' }))).toMatchObject({
    tone: 'bad',
    label: 'Run by Cara: runtime error in 1.5 s',
  });
  expect(markerOf(run({ kind: 'tests', passed: 3, total: 5 }))).toMatchObject({
    tone: 'bad',
    label: 'Tests by Cara: 3/5 passed',
  });
  expect(markerOf(run({ kind: 'tests', passed: 5, total: 5 }))).toMatchObject({ tone: 'good' });
  expect(markerOf(run({ verdict: null, finishedAt: null }))).toMatchObject({ tone: 'pending' });
  expect(markerOf({ type: 'paste', at: T, who: cara, chars: 640 }).label).toBe('Cara pasted 640 characters');
  expect(markerOf({ type: 'focus', at: T, who: cara, lost: true })).toMatchObject({
    tone: 'warn',
    label: 'Cara left the tab',
  });
  expect(markerOf({ type: 'file', at: T, who: cara, action: 'renamed', path: 'b.py', from: 'a.py' }).label).toBe(
    'Cara renamed a.py to b.py',
  );
  expect(markerOf({ type: 'file', at: T, who: null, action: 'deleted', path: 'b.py', from: null }).label).toBe(
    'deleted b.py',
  );
  expect(markerOf({ type: 'language', at: T, who: cara, from: 'python', to: 'go' }).label).toBe(
    'Cara switched the language from python to go',
  );
  expect(markerOf({ type: 'join', at: T, who: cara }).tone).toBe('people');
});
