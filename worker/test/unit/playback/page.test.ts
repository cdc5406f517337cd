/**
 * The binary page of history (playback/page.ts): what the worker encodes the web app
 * reads back exactly, and a page that is not whole (cut short, or with bytes after its
 * end) is refused rather than read wrong.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodePage, encodePage, type PageUpdate } from '../../../src/playback/page';
import type { PlaybackPerson } from '../../../src/playback/schema';

function typed(count: number): PageUpdate[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, i % 2 ? 'a' : 'é');
  const people: PlaybackPerson[] = [
    { name: 'Ada', role: 'candidate' },
    { name: 'Grace', role: 'interviewer' },
    { name: 'CodeSync', role: 'room' },
  ];
  const start = Date.UTC(2026, 11, 2, 10);
  return updates.map((update, i) => ({
    seq: 40 + i * 2,
    at: start + i * 137,
    who: people[i % 3] as PlaybackPerson,
    update,
  }));
}

describe('a page of history', () => {
  it('[PLAY5] reads back exactly what was written: seq, time, who and every byte of each update', () => {
    const updates = typed(50);
    const { people, updates: read } = decodePage(encodePage(updates));
    expect(read).toEqual(updates);
    expect(people.map((p) => p.name)).toEqual(['Ada', 'Grace', 'CodeSync']);
    expect(decodePage(encodePage([])).updates).toEqual([]);
  });

  it('[PLAY5] the encoder refuses updates out of order rather than write a wrong page', () => {
    const [a, b] = typed(2) as [PageUpdate, PageUpdate];
    expect(() => encodePage([b, a])).toThrow(/out of order/);
    expect(() => encodePage([a, { ...b, at: a.at - 1 }])).toThrow(/out of order/);
  });

  it('[PLAY6] a page cut short anywhere, or with bytes after its end, is refused, also when it is a view into a larger buffer', () => {
    const bytes = encodePage(typed(12));
    for (let length = 0; length < bytes.length; length++) {
      // A view (as a streamed download hands them out): the bytes past it must not be read.
      expect(() => decodePage(bytes.subarray(0, length)), `cut at ${length}`).toThrow();
    }
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expect(() => decodePage(longer)).toThrow(/after its end/);
  });

  it('[PLAY6] a page naming an unknown role, another version or a person not in its table is refused', () => {
    const bytes = encodePage(typed(3));
    const version = Uint8Array.from(bytes);
    version[0] = 2;
    expect(() => decodePage(version)).toThrow(/version 2/);
    const text = new TextDecoder().decode(bytes);
    const role = new TextEncoder().encode(text.replace('candidate', 'candidatX'));
    expect(() => decodePage(role)).toThrow(/unknown role/);
    const nobody = encoding.createEncoder();
    for (const n of [1, 1]) encoding.writeVarUint(nobody, n); // version 1, one person
    encoding.writeVarString(nobody, 'Ada');
    encoding.writeVarString(nobody, 'candidate');
    for (const n of [1, 1, 1000, 5]) encoding.writeVarUint(nobody, n); // one update: seq, at, person 5
    encoding.writeVarUint8Array(nobody, new Uint8Array([0, 0]));
    expect(() => decodePage(encoding.toUint8Array(nobody))).toThrow(/names no one/);
  });
});
