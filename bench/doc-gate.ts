/**
 * What the server's schema gate (worker/src/room/docGate.ts) costs per keystroke:
 * the room's work for one typed character with the gate and without it, in the same
 * run, on a realistic document (a few files, an interview's worth of typing).
 *
 *   npm run bench:doc-gate
 *
 * Baseline: Y.applyUpdate alone (what the room did before the gate). The gate adds one
 * decode of the update and a lookup per struct; a keystroke is one struct.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { createFile, fileByPath, seedDoc } from '../worker/src/room/doc';
import { checkUpdate } from '../worker/src/room/docGate';
import { summarize, table } from './lib/stats';

const KEYSTROKES = 20_000;
const WARMUP = 2_000;

/** A room an hour into an interview: three files and thousands of earlier edits. */
function interviewRoom(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  seedDoc(server, { path: 'main.py', content: 'def solve(xs):\n    return sorted(xs)\n' });
  createFile(server, 'util.py', '# helpers\n'.repeat(200));
  createFile(server, 'test_main.py', 'import main\n'.repeat(100));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const text = fileByPath(client, 'main.py')?.text as Y.Text;
  for (let i = 0; i < 5_000; i++) text.insert(Math.floor(Math.random() * text.length), 'x');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
  return { server, client };
}

function measure(gate: boolean) {
  const { server, client } = interviewRoom();
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  const text = fileByPath(client, 'main.py')?.text as Y.Text;
  for (let i = 0; i < KEYSTROKES + WARMUP; i++) text.insert(Math.floor(Math.random() * text.length), 'y');
  const samples: number[] = [];
  updates.forEach((update, i) => {
    const t = performance.now();
    if (gate && checkUpdate(server, update).kind !== 'ok') throw new Error('a keystroke was refused');
    Y.applyUpdate(server, update);
    if (i >= WARMUP) samples.push((performance.now() - t) * 1000);
  });
  return summarize(samples);
}

const without = measure(false);
const withGate = measure(true);
console.log(`\nOne keystroke applied by the room, µs (${KEYSTROKES} keystrokes into a 5 000-edit document)\n`);
console.log(
  table([
    { room: 'apply only (baseline)', 'p50 µs': without.p50, 'p99 µs': without.p99 },
    { room: 'schema gate + apply', 'p50 µs': withGate.p50, 'p99 µs': withGate.p99 },
    { room: 'added by the gate', 'p50 µs': withGate.p50 - without.p50, 'p99 µs': withGate.p99 - without.p99 },
  ]),
);
