/**
 * A room with a thread on a line, and what a client sends, for the thread tests
 * (threads.test.ts, threadGate.test.ts).
 */
import * as Y from 'yjs';
import { fileByPath, seedDoc } from '../../src/room/doc';
import { checkUpdate } from '../../src/room/docGate';
import type { Writer } from '../../src/room/docGateThreads';
import { createThread, listThreads, placeOf, threadsOf } from '../../src/room/threads';

export const CODE = 'def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n';
export const candidate = { name: 'Cara', role: 'candidate' as const };
export const asCandidate = { author: 'Cara', role: 'candidate' as const };

export function room() {
  const doc = new Y.Doc();
  seedDoc(doc, { path: 'main.py', content: CODE });
  return doc;
}
export const main = (doc: Y.Doc) => {
  const file = fileByPath(doc, 'main.py');
  if (!file) throw new Error('no main.py');
  return file;
};
/** A thread on `return a + b`. */
export function threadOnReturn(doc: Y.Doc, who: Writer = candidate) {
  const from = CODE.indexOf('return');
  const made = createThread(doc, {
    file: main(doc).id,
    from,
    to: from + 'return a + b'.length,
    text: 'Why not sum()?',
    author: who.name,
    role: who.role,
  });
  if (!made.ok) throw new Error(made.problem);
  return made.id;
}
export const thread = (doc: Y.Doc, id: string) => {
  const found = listThreads(doc).find((t) => t.id === id);
  if (!found) throw new Error('no thread');
  return found;
};
export const rangeText = (doc: Y.Doc, id: string) => {
  const place = placeOf(doc, thread(doc, id));
  return place.kind === 'live' ? main(doc).text.toString().slice(place.from, place.to) : place.kind;
};
/** What a client synced with `server` sends after `change`. */
export function changeFrom(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}
export const repliesOf = (doc: Y.Doc, id: string): Y.Array<unknown> => {
  const replies = threadsOf(doc).get(id)?.get('replies');
  if (!(replies instanceof Y.Array)) throw new Error('no replies');
  return replies;
};
export const problemOf = (server: Y.Doc, update: Uint8Array, writer: Writer = candidate) => {
  const check = checkUpdate(server, update, writer);
  return check.kind === 'bad' ? check.problem : check.kind;
};
