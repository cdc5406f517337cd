/**
 * What playback's history costs on the server side (issue 12): a synthetic two-hour
 * interview, 36 000 keystrokes of two typists (one every 200 ms), recorded as the room
 * records it, then
 *  - the bytes of its pages (what the playback page downloads), per hour;
 *  - `files?at=` at random moments: the room's compute, a checkpoint's state plus the
 *    updates after it (worker/src/playback/checkpoints.ts cadence), against the baseline
 *    of replaying from the start;
 *  - the shared Replay (web): appending every page, and a seek to a random position.
 * R2 and SQLite reads are not in these figures (workerd's clock stands still while code
 * runs); worker/test/workerd/playback/bound.test.ts counts the updates applied there.
 *
 *   npm run bench:playback-server
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { random } from '../testing/random';
import { HISTORY_CHECKPOINT_UPDATES, LOG_COMPACT_ROWS } from '../worker/src/limits';
import { encodePage, type PageUpdate } from '../worker/src/playback/page';
import { Replay, rebuild } from '../worker/src/playback/replay';
import { PLAYBACK_PAGE_UPDATES, type PlaybackPerson } from '../worker/src/playback/schema';
import { fileByPath, seedDoc } from '../worker/src/room/doc';
import { summarize, table } from './lib/stats';

const UPDATES = 36_000;
const EVERY_MS = 200;
const SAMPLES = 200;

/** The interview as history keeps it, and the checkpoints the room would have written. */
function record() {
  const rand = random(42);
  const room = new Y.Doc();
  seedDoc(room, { path: 'main.py', content: 'def solve(xs):\n    pass\n' });
  const history: PageUpdate[] = [];
  let at = Date.UTC(2026, 11, 2, 10);
  let who: PlaybackPerson = { name: 'CodeSync', role: 'room' };
  history.push({ seq: 1, at, who, update: Y.encodeStateAsUpdate(room) });
  const checkpoints: { seq: number; state: Uint8Array }[] = [];
  const typists = (['Ada', 'Grace'] as const).map((name, i) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
    const text = fileByPath(doc, 'main.py')?.text as Y.Text;
    // A cursor as an editor keeps one: it moves with the other person's edits.
    const cursor = Y.createRelativePositionFromTypeIndex(text, i === 0 ? 0 : text.length);
    return { doc, text, cursor, who: { name, role: i === 0 ? 'candidate' : 'interviewer' } as PlaybackPerson };
  });
  room.on('update', (update: Uint8Array) => {
    at += EVERY_MS;
    const seq = history.length + 1;
    history.push({ seq, at, who, update });
    // Compaction every LOG_COMPACT_ROWS + 1 rows; a checkpoint once HISTORY_CHECKPOINT_UPDATES have passed.
    const last = checkpoints.at(-1)?.seq ?? 0;
    if (seq % (LOG_COMPACT_ROWS + 1) === 0 && seq - last >= HISTORY_CHECKPOINT_UPDATES) {
      checkpoints.push({ seq, state: Y.encodeStateAsUpdate(room) });
    }
    for (const t of typists) Y.applyUpdate(t.doc, update, 'room');
  });
  for (let i = 0; history.length < UPDATES; i++) {
    const typist = typists[i % 2] as (typeof typists)[number];
    const { text } = typist;
    let index = Y.createAbsolutePositionFromRelativePosition(typist.cursor, typist.doc)?.index ?? 0;
    if (rand() < 0.01) index = Math.floor(rand() * (text.length + 1)); // clicks elsewhere
    const before = Y.encodeStateVector(typist.doc);
    // Typing with a backspace now and then (one keystroke in twelve).
    if (rand() < 0.08 && index > 0) text.delete(--index, 1);
    else text.insert(index++, 'abcdefghij\n'[i % 11] as string);
    typist.cursor = Y.createRelativePositionFromTypeIndex(text, index);
    who = typist.who;
    Y.applyUpdate(room, Y.encodeStateAsUpdate(typist.doc, before));
  }
  return { history, checkpoints, finalBytes: Y.encodeStateAsUpdate(room).byteLength };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const { history, checkpoints, finalBytes } = record();
const hours = (UPDATES * EVERY_MS) / 3_600_000;
let pageBytes = 0;
const pages: Uint8Array[] = [];
for (let i = 0; i < history.length; i += PLAYBACK_PAGE_UPDATES) {
  const page = encodePage(history.slice(i, i + PLAYBACK_PAGE_UPDATES));
  pages.push(page);
  pageBytes += page.byteLength;
}

const rand = random(7);
const targets = Array.from({ length: SAMPLES }, () => 1 + Math.floor(rand() * history.length));
const updatesOf = (from: number, to: number) => history.slice(from, to).map((u) => u.update);
const fromCheckpoint: number[] = [];
const fromStart: number[] = [];
const applied: number[] = [];
for (const target of targets) {
  const base = checkpoints.filter((c) => c.seq <= target).at(-1);
  applied.push(target - (base?.seq ?? 0));
  fromCheckpoint.push(time(() => rebuild(base?.state ?? null, updatesOf(base?.seq ?? 0, target))));
}
for (const target of targets.slice(0, 10)) fromStart.push(time(() => rebuild(null, updatesOf(0, target))));

const replay = new Replay();
const appendMs = time(() => {
  for (let i = 0; i < history.length; i += PLAYBACK_PAGE_UPDATES) {
    replay.append(history.slice(i, i + PLAYBACK_PAGE_UPDATES));
  }
});
const seeks = targets.map((target) => time(() => replay.seek(target)));

const ck = summarize(fromCheckpoint);
const start = summarize(fromStart);
const seek = summarize(seeks);
const n = summarize(applied);
console.log(`\nA ${hours} h interview, ${UPDATES} updates by two typists (final document ${finalBytes} B)\n`);
console.log(
  table([
    { figure: 'pages (binary), bytes per hour', value: Math.round(pageBytes / hours) },
    { figure: 'pages in all', value: pages.length },
    { figure: 'checkpoints kept (R2)', value: checkpoints.length },
    { figure: 'checkpoint bytes, largest', value: Math.max(...checkpoints.map((c) => c.state.byteLength)) },
  ]),
);
console.log(`\nfiles?at= compute at ${SAMPLES} random moments (ms; baseline: replay from the start, 10 moments)\n`);
console.log(
  table([
    { from: 'nearest checkpoint', 'updates p50': n.p50, 'updates max': n.max, 'p50 ms': ck.p50, 'p99 ms': ck.p99 },
    { from: 'the start (baseline)', 'updates p50': '', 'updates max': '', 'p50 ms': start.p50, 'p99 ms': start.p99 },
  ]),
);
console.log(
  `\nReplay (web): append every page ${appendMs.toFixed(0)} ms; seek to a random position p50 ${seek.p50.toFixed(2)} ms, p99 ${seek.p99.toFixed(2)} ms\n`,
);
