/**
 * A synthetic hour of interview history, made through the real room: two typists at
 * 5 keystrokes/s each for 60 minutes (36 000 updates, one keystroke each) in three
 * files, and 40 runs. An hour of typing is compressed into about two minutes by
 * typing through many sockets at once: each typist is CONNECTIONS_PER_TYPIST stock
 * Yjs clients joined under one name and role, so the history names two people. The
 * room stamps every update with its own clock, so the history spans the two minutes,
 * not an hour; its size and update count are an hour's.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { type Client, whenSynced, yWebsocketClient } from '../../e2e/support/clients';
import type { Stack } from '../../e2e/support/stack';
import { apiOf, type CreatedRoom, until } from '../../e2e/support/worker';
import { createFile, fileByPath, listFiles } from '../../worker/src/room/doc';

export const HOUR_UPDATES = 2 * 5 * 3600;
export const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const CONNECTIONS_PER_TYPIST = 10;
/** Every file holds a program whose typed part sits inside a string: every run is valid Python. */
const OPEN = 'print("bench")\n"""\n';
const CLOSE = '"""\n';
const FILES = ['main.py', 'util.py', 'notes.py'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz     ';

const wait = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * One socket of a typist: `count` keystrokes into `path`, paced to finish in `seconds`.
 * It types at its own caret (a relative position that sticks to its last character, as
 * an editor's caret does), so what one person types stays one run of text, as it does
 * when two people type in different places; every socket starts inside the string.
 */
async function typeInto(c: Client, path: string, count: number, seconds: number): Promise<void> {
  const started = performance.now();
  let caret: Y.RelativePosition | null = null;
  for (let i = 0; i < count; i++) {
    const text = fileByPath(c.doc, path)?.text;
    if (!text) throw new Error(`${path} is missing`);
    const at = caret ? Y.createAbsolutePositionFromRelativePosition(caret, c.doc)?.index : undefined;
    const index = at ?? Math.max(0, text.length - CLOSE.length);
    text.insert(index, i % 40 === 39 ? '\n' : (LETTERS[(i * 7 + count) % LETTERS.length] as string));
    caret = Y.createRelativePositionFromTypeIndex(text, index + 1, -1);
    await wait(started + ((i + 1) * seconds * 1000) / count - performance.now());
  }
}

async function runs(stack: Stack, room: CreatedRoom, seconds: number): Promise<string[]> {
  const api = apiOf(stack.worker);
  const ids: string[] = [];
  const started = performance.now();
  // Spread across the typing (the room allows RUNS_PER_ROOM_PER_MINUTE, one at a time); a refusal waits its turn.
  while (ids.length < RUNS) {
    const res = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: FILES[ids.length % FILES.length], stdin: '' }),
    });
    if (res.status === 202) ids.push(((await res.json()) as { runId: string }).runId);
    else if (res.status === 429) await wait(Number(res.headers.get('retry-after') ?? 1) * 1000);
    // One run at a time in a room: the previous one is still going. A 503 is wrangler dev
    // restarting the worker under the load; the request is asked again.
    else if (res.status === 409 || res.status === 503) await wait(200);
    else throw new Error(`run: ${res.status} ${await res.text()}`);
    await wait(started + (ids.length * seconds * 1000) / RUNS - performance.now());
  }
  return ids;
}

/** Makes the history; answers how long it took and the run ids. */
export async function recordInterview(stack: Stack, room: CreatedRoom, updates: number, seconds: number) {
  const setup = yWebsocketClient(stack.worker, room, 'interviewer', 'Ben');
  await whenSynced(setup);
  const main = fileByPath(setup.doc, 'main.py')?.text;
  if (!main) throw new Error('the room has no main.py');
  setup.doc.transact(() => main.insert(main.length, `${OPEN}${CLOSE}`));
  for (const path of FILES.slice(1)) createFile(setup.doc, path, `${OPEN}${CLOSE}`);

  const typists: Client[] = [];
  for (let i = 0; i < CONNECTIONS_PER_TYPIST; i++) {
    typists.push(yWebsocketClient(stack.worker, room, 'candidate', 'Ada'));
    typists.push(yWebsocketClient(stack.worker, room, 'interviewer', 'Ben'));
  }
  await Promise.all(typists.map(whenSynced));
  const lengthNow = () => listFiles(setup.doc).reduce((n, f) => n + f.text.length, 0);
  const before = lengthNow();
  const started = performance.now();
  const perSocket = Math.floor(updates / typists.length);
  const [ids] = await Promise.all([
    runs(stack, room, seconds),
    ...typists.map((c, i) => typeInto(c, FILES[i % FILES.length] as string, perSocket, seconds)),
  ]);
  await until(() => lengthNow() === before + perSocket * typists.length, 'every keystroke in the room', 120_000);
  const api = apiOf(stack.worker);
  await until(
    async () => {
      for (const id of ids) {
        const res = await api(`/api/rooms/${room.roomId}/runs/${id}`, { token: room.tokens.interviewer });
        const { state } = (await res.json()) as { state: string };
        if (state === 'queued' || state === 'running') return false;
      }
      return true;
    },
    'every run to end',
    180_000,
  );
  const tookS = (performance.now() - started) / 1000;
  for (const c of [setup, ...typists]) c.destroy();
  return { tookS, keystrokes: perSocket * typists.length, runIds: ids };
}
