/**
 * Attacks on the schema gate (docGate.ts) through the room (room.ts): each hand-made
 * update is sent by a writer, and afterwards the document must still conform to the
 * schema in doc.ts, with nothing pending — whatever the gate said about it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FILE_ID_PATTERN, filesOf, listFiles, META_KEYS, metaOf, ROOT_KEYS } from '../../src/room/doc';
import { encodeUpdate } from '../../src/room/protocol';
import { type Effect, Room, type Sender } from '../../src/room/room';
import { any, craft, deleted, str } from './craft';
import { ListLog } from './listLog';

const writer = (connId = 'evil'): Sender => ({ connId, name: 'Mallory', role: 'candidate', canWrite: true });

function seeded() {
  const log = new ListLog();
  const room = new Room(log);
  room.seed('python');
  return { room, log };
}

/** What is wrong with the document, by the schema of doc.ts; [] when it conforms. */
function nonConforming(doc: Y.Doc): string[] {
  const wrong: string[] = [];
  for (const name of doc.share.keys()) if (!(ROOT_KEYS as readonly string[]).includes(name)) wrong.push(`root ${name}`);
  const paths = new Set<string>();
  for (const [id, file] of filesOf(doc).entries()) {
    if (!FILE_ID_PATTERN.test(id)) wrong.push(`file id ${id}`);
    if (!(file instanceof Y.Map)) {
      wrong.push(`file ${id} is not a map`);
      continue;
    }
    const path = file.get('path');
    if (typeof path !== 'string') wrong.push(`file ${id} has no path`);
    else if (paths.has(path)) wrong.push(`two files named ${path}`);
    else paths.add(path);
    if (!(file.get('text') instanceof Y.Text)) wrong.push(`file ${id} has no text`);
    for (const key of file.keys()) if (key !== 'path' && key !== 'text') wrong.push(`file ${id} key ${key}`);
  }
  const meta = metaOf(doc);
  if (typeof meta.get('entry') !== 'string') wrong.push('meta.entry missing');
  if (typeof meta.get('schema') !== 'number') wrong.push('meta.schema missing');
  if (!(meta.get('stdin') instanceof Y.Text)) wrong.push('meta.stdin missing');
  for (const key of meta.keys()) if (!(META_KEYS as readonly string[]).includes(key)) wrong.push(`meta.${key}`);
  if (doc.store.pendingStructs || doc.store.pendingDs) wrong.push('pending');
  return wrong;
}

/** The item currently holding `key` of a map. */
const holder = (map: Y.Map<unknown>, key: string) => map._map.get(key) as Y.Item;

function send(room: Room, update: Uint8Array, sender = writer()): Effect[] {
  return room.receive(sender, encodeUpdate(update));
}

describe('gate attacks', () => {
  it('[GATE5] a struct the room half has is judged where Yjs puts its new part', () => {
    const { room } = seeded();
    const C = 4242;
    // First, a valid change from C: a new meta.entry value (the same file) at (C, 0).
    const entry = metaOf(room.doc).get('entry');
    const first = craft([{ client: C, clock: 0, content: any(entry), origin: holder(metaOf(room.doc), 'entry').id }]);
    expect(send(room, first)).toMatchObject([{ kind: 'send' }]);
    // Then (C, 0..1) again, claiming to be a deleted file in `files`: the gate sees a
    // harmless ContentDeleted there, but Yjs integrates only (C, 1), to the right of
    // (C, 0): into meta, where it would replace (delete) the entry.
    const second = craft([{ client: C, clock: 0, content: deleted(2), parent: 'files', parentSub: 'abcdefghijkl' }]);
    send(room, second);
    expect(nonConforming(room.doc)).toEqual([]);
  });

  const file = (room: Room) => filesOf(room.doc).get(listFiles(room.doc)[0]?.id ?? '') as Y.Map<unknown>;
  it.each([
    ['meta.entry', (room: Room) => holder(metaOf(room.doc), 'entry')],
    ['meta.schema', (room: Room) => holder(metaOf(room.doc), 'schema')],
    ['a file path', (room: Room) => holder(file(room), 'path')],
    ['a file text', (room: Room) => holder(file(room), 'text')],
  ])('[GATE6] a deleted placeholder cannot become the value of %s', (_what, current) => {
    const { room } = seeded();
    const update = craft([{ client: 5151, clock: 0, content: deleted(1), origin: current(room).id }]);
    send(room, update);
    expect(nonConforming(room.doc)).toEqual([]);
  });

  it.each([
    ['meta.entry', (room: Room) => holder(metaOf(room.doc), 'entry')],
    ['meta.schema', (room: Room) => holder(metaOf(room.doc), 'schema')],
    ['a file path', (room: Room) => holder(file(room), 'path')],
    ['a file text', (room: Room) => holder(file(room), 'text')],
  ])('[GATE7] a delete of %s alone is refused', (_what, current) => {
    const { room } = seeded();
    const { client, clock } = current(room).id;
    const effects = send(room, craft([], [{ client, clock, len: 1 }]));
    expect(effects).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(nonConforming(room.doc)).toEqual([]);
  });

  it("[GATE8] an existing file's text cannot be replaced by a new one", () => {
    const { room } = seeded();
    const client = new Y.Doc();
    Y.applyUpdate(client, room.snapshot());
    const before = Y.encodeStateVector(client);
    const f = filesOf(client).get(listFiles(client)[0]?.id ?? '') as Y.Map<unknown>;
    f.set('text', new Y.Text('replaced: every concurrent edit and undo history lost'));
    const effects = send(room, Y.encodeStateAsUpdate(client, before));
    expect(effects).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(room.files()[0]?.content).toBe('print("Hello, CodeSync!")\n');
  });

  it('[GATE9] a rename that loses to the current name cannot hide a duplicate', () => {
    const { room } = seeded();
    const current = holder(file(room), 'path');
    const fileItem = file(room)._item as Y.Item;
    // A rename of main.py with no origin, from a client id below the current value's:
    // Yjs puts it left of the current name (it loses), so main.py keeps its name …
    const low = current.id.client - 1;
    const newId = 'abcdefghijkl';
    const update = craft([
      { client: low, clock: 0, content: any('other.py'), parent: fileItem.id, parentSub: 'path' },
      // … and a new file takes the name main.py, which the gate thought was freed.
      { client: low, clock: 1, content: new Y.ContentType(new Y.Map()), parent: 'files', parentSub: newId },
      { client: low, clock: 2, content: any('main.py'), parent: Y.createID(low, 1), parentSub: 'path' },
      {
        client: low,
        clock: 3,
        content: new Y.ContentType(new Y.Text()),
        parent: Y.createID(low, 1),
        parentSub: 'text',
      },
    ]);
    send(room, update);
    expect(nonConforming(room.doc)).toEqual([]);
  });

  // No timing is asserted: the old quadratic gate took minutes on this frame (or
  // overflowed the stack), so it failed by this test's deadline; the linear one
  // takes a fraction of a second. bench:doc-gate measures the per-keystroke cost.
  it('[GATE10] a frame of many chained structs is checked (linear, not quadratic)', { timeout: 60_000 }, () => {
    const { room } = seeded();
    const text = holder(file(room), 'text');
    const C = 777;
    const n = 40_000;
    const specs = [{ client: C, clock: 0, content: str('x'), parent: text.id } as Parameters<typeof craft>[0][0]];
    for (let i = 1; i < n; i++) specs.push({ client: C, clock: i, content: str('x'), origin: Y.createID(C, i - 1) });
    const update = craft(specs);
    expect(update.byteLength).toBeLessThan(512 * 1024);
    const effects = send(room, update);
    expect(effects).toMatchObject([{ kind: 'send' }]);
    expect(room.files()[0]?.content.length).toBe(n + 'print("Hello, CodeSync!")\n'.length);
  });

  it('[GATE11] a V2-encoded update changes nothing', () => {
    const { room } = seeded();
    const client = new Y.Doc();
    Y.applyUpdate(client, room.snapshot());
    const before = Y.encodeStateVector(client);
    client.getMap('meta').set('evil', 'x');
    const v2 = Y.encodeStateAsUpdateV2(client, before);
    const snapshot = room.snapshot();
    send(room, v2);
    expect(room.snapshot()).toEqual(snapshot);
    expect(nonConforming(room.doc)).toEqual([]);
  });
});

describe('gate attacks: order and reference', () => {
  const textHolder = (room: Room) => {
    const f = filesOf(room.doc).get(listFiles(room.doc)[0]?.id ?? '') as Y.Map<unknown>;
    return f._map.get('text') as Y.Item;
  };

  it('[GATE12] a struct whose origin is a later struct of its own client is refused, not half-applied', () => {
    const { room, log } = seeded();
    const C = 999;
    const update = craft([
      { client: C, clock: 0, content: str('a'), parent: textHolder(room).id },
      { client: C, clock: 1, content: str('b'), origin: Y.createID(C, 2) },
      { client: C, clock: 2, content: str('c'), parent: textHolder(room).id },
    ]);
    // Yjs alone throws after integrating (C, 0): the change half in, never broadcast.
    const probe = new Y.Doc();
    Y.applyUpdate(probe, room.snapshot());
    expect(() => Y.applyUpdate(probe, update)).toThrow();
    const before = room.snapshot();
    const effects = send(room, update);
    expect(effects).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(room.snapshot()).toEqual(before);
    expect(log.updates).toHaveLength(1);
  });

  it('[GATE13] structs whose origins point at each other across clients are refused', () => {
    const { room } = seeded();
    const update = craft([
      { client: 10, clock: 0, content: str('a'), origin: Y.createID(20, 0) },
      { client: 20, clock: 0, content: str('b'), origin: Y.createID(10, 0) },
    ]);
    const effects = send(room, update);
    expect(effects).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(nonConforming(room.doc)).toEqual([]);
  });

  it('[GATE14] whatever Yjs leaves pending is dropped and the sender told; what went in is broadcast', () => {
    const { room, log } = seeded();
    const text = textHolder(room).id;
    // (10,0) waits for (20,1); (20,0) waits for (10,1); (10,1) and (20,1) come after
    // their own client's first struct: Yjs can integrate neither first struct and keeps
    // them pending, though every reference is inside the update.
    const update = craft([
      { client: 10, clock: 0, content: str('a'), origin: Y.createID(20, 1) },
      { client: 10, clock: 1, content: str('b'), parent: text },
      { client: 20, clock: 0, content: str('c'), origin: Y.createID(10, 1) },
      { client: 20, clock: 1, content: str('d'), parent: text },
    ]);
    send(room, update);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(nonConforming(room.doc)).toEqual([]);
    // What the room stored is what its peers can be sent: a replay is the same document.
    expect(new Room(log).files()).toEqual(room.files());
  });

  it('[GATE15] a refusal of a held update goes to its author, not to whoever unblocked it', () => {
    const { room } = seeded();
    const a = new Y.Doc();
    Y.applyUpdate(a, room.snapshot());
    const f = filesOf(a).get(listFiles(a)[0]?.id ?? '') as Y.Map<unknown>;
    const sv0 = Y.encodeStateVector(a);
    (f.get('text') as Y.Text).insert(0, 'x');
    const first = Y.encodeStateAsUpdate(a, sv0);
    const sv1 = Y.encodeStateVector(a);
    metaOf(a).set('evil', 1); // refused by the gate once its dependency is in
    (f.get('text') as Y.Text).insert(0, 'y');
    const second = Y.encodeStateAsUpdate(a, sv1);
    // Mallory's second update arrives first and is held …
    expect(send(room, second, writer('mallory'))).toEqual([]);
    // … then Ada (another connection) sends the first (e.g. relayed after a reconnect).
    const effects = send(room, first, writer('ada'));
    const refusals = effects.filter((e) => e.kind === 'refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ connId: 'mallory' });
  });
});

describe('the shared stdin under attack', () => {
  it('[GATE16] a delete of meta.stdin alone is refused, and a second stdin never replaces the first', () => {
    const { room } = seeded();
    const client = new Y.Doc();
    Y.applyUpdate(client, room.snapshot());
    const before = Y.encodeStateVector(client);
    metaOf(client).delete('stdin');
    expect(send(room, Y.encodeStateAsUpdate(client, before))).toMatchObject([{ kind: 'refused' }]);
    const other = new Y.Doc();
    Y.applyUpdate(other, room.snapshot());
    const sv = Y.encodeStateVector(other);
    metaOf(other).set('stdin', new Y.Text('replaced'));
    expect(send(room, Y.encodeStateAsUpdate(other, sv))).toMatchObject([{ kind: 'refused' }]);
    expect(nonConforming(room.doc)).toEqual([]);
  });
});
