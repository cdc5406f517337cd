/**
 * What a restore costs the room (issue 17 item 2), on a synthetic interview of 12 000
 * keystrokes of two typists in three files with renames, deletes and creates:
 *  - baseline: rebuilding the files at a random moment (playback's reconstruction,
 *    what `files?at=` computes from the nearest checkpoint);
 *  - a restore to that moment: the same rebuild with the file ids, the size check (a
 *    copy of the live document with the restore tried on it) and the change applied to
 *    the live document, plus the bytes of the one update everyone is sent;
 *  - the activity scan that finds five-minute restore points (per 36 000 updates);
 *  - the zip of the files.
 * Compute only: SQLite and R2 reads are the same as `files?at=` (bench:playback-server).
 *
 *   npm run bench:restore
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { random } from '../testing/random';
import { rebuild, rebuildWith } from '../worker/src/playback/replay';
import { START, type Stamp, scanActivity } from '../worker/src/restore/activity';
import { restoreFiles, restoreSizeProblem, targetOf } from '../worker/src/restore/docRestore';
import { zipFiles } from '../worker/src/restore/zip';
import { createFile, deleteFile, listFiles, readFiles, renameFile, seedDoc } from '../worker/src/room/doc';
import { summarize, table } from './lib/stats';

const UPDATES = 12_000;
const SAMPLES = 100;
const CHECKPOINT_EVERY = 1024; // HISTORY_CHECKPOINT_UPDATES: a moment is rebuilt from the checkpoint before it

function record() {
  const rand = random(7);
  const doc = new Y.Doc();
  seedDoc(doc, { path: 'main.py', content: 'def solve(xs):\n    pass\n' });
  createFile(doc, 'util.py', 'X = 1\n');
  const updates: Uint8Array[] = [];
  const checkpoints: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (u: Uint8Array) => {
    updates.push(u);
    if (updates.length % CHECKPOINT_EVERY === 0) checkpoints.push(Y.encodeStateAsUpdate(doc));
  });
  for (let i = 0; updates.length < UPDATES; i++) {
    const files = listFiles(doc);
    const file = files[Math.floor(rand() * files.length)];
    if (!file) continue;
    if (i % 1500 === 700) createFile(doc, `scratch${i}.py`, `print(${i})\n`);
    else if (i % 1500 === 1400 && files.length > 2) deleteFile(doc, file.id);
    else if (i % 1500 === 1000) renameFile(doc, file.id, `renamed${i}.py`);
    else if (rand() < 0.85 || file.text.length < 10) file.text.insert(Math.floor(rand() * file.text.length), 'x');
    else file.text.delete(Math.floor(rand() * (file.text.length - 1)), 1);
  }
  return { doc, updates, checkpoints, rand };
}

const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const { doc: live, updates, checkpoints, rand } = record();
const baseline: number[] = [];
const restoring: number[] = [];
const bytes: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const position = 1 + Math.floor(rand() * (updates.length - 1));
  const k = Math.floor(position / CHECKPOINT_EVERY);
  const base = checkpoints[k] ?? null;
  const tail = updates.slice(k * CHECKPOINT_EVERY, position);
  baseline.push(ms(() => rebuild(base, tail)));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
  let update: Uint8Array = new Uint8Array();
  copy.on('update', (u: Uint8Array) => {
    update = u;
  });
  restoring.push(
    ms(() => {
      const target = rebuildWith(base, tail, targetOf);
      if (restoreSizeProblem(copy, target)) throw new Error('over the limits');
      restoreFiles(copy, target);
    }),
  );
  bytes.push((update as Uint8Array).byteLength);
  copy.destroy();
}

const stamps: Stamp[] = Array.from({ length: 36_000 }, (_, i) => ({
  seq: i + 1,
  at: i * 200,
  who: { name: i % 2 ? 'Ada' : 'Grace', role: 'candidate' },
}));
const scans = Array.from({ length: 20 }, () => ms(() => scanActivity(START, stamps)));
const files = readFiles(live);
const zips = Array.from({ length: 50 }, () => ms(() => zipFiles(files)));

const row = (what: string, samples: number[], unit = 'ms') => ({ what, unit, ...summarize(samples) });
console.log(
  `${UPDATES} updates, ${files.length} files, ${files.reduce((n, f) => n + f.content.length, 0)} characters now`,
);
console.log(
  table([
    row('baseline: rebuild the files at a moment', baseline),
    row('restore: rebuild with ids + size check + apply', restoring),
    row('restore: bytes of the update sent', bytes, 'B'),
    row('activity scan of 36 000 updates', scans),
    row(`zip of ${files.length} files`, zips),
  ]),
);
