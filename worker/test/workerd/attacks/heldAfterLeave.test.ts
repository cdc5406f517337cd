/**
 * Review of held updates outliving their client's close (SYNC11, SYNC4, SYNC16): over
 * real sockets into the real Durable Object, what a departed client left waiting must
 * neither deny the writers still in the room nor keep an idle room's document in memory.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { HELD_AFTER_LEAVE_MS, MAX_FRAME_BYTES, MAX_HELD_UPDATE_BYTES } from '../../../src/limits';
import { fileByPath } from '../../../src/room/doc';
import { encodeUpdate } from '../../../src/room/protocol';
import { snapshotKey } from '../../../src/room/roomDocument';
import { api, createRoom, Peer, until } from '../support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

/**
 * Frames a client could send, made on a copy of what `peer` has, never sent by it: each
 * edit's update, in order. Sent out of order, the later ones wait for the earlier ones.
 */
function editsOf(peer: Peer, inserts: string[]): Uint8Array[] {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(peer.doc));
  const out: Uint8Array[] = [];
  for (const insert of inserts) {
    const before = Y.encodeStateVector(scratch);
    fileByPath(scratch, 'main.py')?.text.insert(0, insert);
    out.push(encodeUpdate(Y.encodeStateAsUpdate(scratch, before)));
  }
  return out;
}

/**
 * Updates that can never fit: each waits for a first keystroke that is never sent. Their
 * sizes add up to just under the room's bound for held bytes, in frames the room takes.
 */
function neverFitting(peer: Peer): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let left = MAX_HELD_UPDATE_BYTES - 8;
  while (left > 0) {
    const size = Math.min(left, MAX_FRAME_BYTES - 64);
    // One missing keystroke, then `size` bytes of text (less the update's own overhead).
    let length = size - 40;
    for (;;) {
      const [, late] = editsOf(peer, ['.', 'x'.repeat(length)]);
      if (!late) throw new Error('setup');
      const update = late.byteLength - 2; // the frame's two leading bytes are not the update
      if (update === size || length <= 1) {
        frames.push(late);
        left -= update;
        break;
      }
      length += size - update;
    }
    if (left < 64) break;
  }
  return frames;
}

async function filesOf(roomId: string, token: string) {
  const res = await api(`/api/rooms/${roomId}/files`, { token });
  return ((await res.json()) as { files: { path: string; content: string }[] }).files;
}

/** Writes an edit into the room's stored log behind the object's back: only a document loaded again has it. */
async function writeBehindBack(roomId: string, insert: string): Promise<void> {
  await runInDurableObject(stubOf(roomId), (_instance, state) => {
    const doc = new Y.Doc();
    for (const row of state.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_snapshot')) {
      Y.applyUpdate(doc, new Uint8Array(row.data));
    }
    for (const row of state.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq')) {
      Y.applyUpdate(doc, new Uint8Array(row.data));
    }
    const before = Y.encodeStateVector(doc);
    fileByPath(doc, 'main.py')?.text.insert(0, insert);
    state.storage.sql.exec(
      "INSERT INTO doc_updates (data, at, conn_id, name, role) VALUES (?, 0, 'test', 'test', 'room')",
      Y.encodeStateAsUpdate(doc, before),
    );
  });
}

/** Resolves once the room has read every frame `peer` sent before: frames are read in order, and this one is answered. */
async function readUpTo(peer: Peer): Promise<void> {
  peer.synced = false;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, peer.doc);
  peer.send(encoding.toUint8Array(encoder));
  await until(() => peer.synced, "the room's answer");
}

describe('held updates after their client left (review)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("[SYNC11] a client that fills the room's held space with updates that never fit and closes denies no writer still here", async () => {
    const room = await createRoom();
    const writer = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'writer' });
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'observer' });
    const hostile = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'hostile' });
    for (const frame of neverFitting(hostile)) hostile.send(frame);
    // Once the observer sees the hostile client's presence, the room has read every frame before it.
    hostile.setPresence({ user: { name: 'hostile', color: '#30bced' } });
    await until(() => observer.awareness.getStates().has(hostile.doc.clientID), "the hostile client's presence");
    expect(hostile.errors()).toEqual([]); // all of it held
    hostile.close();
    await until(() => !observer.awareness.getStates().has(hostile.doc.clientID), 'the hostile client to have left');
    // The writer's next two keystrokes arrive reordered (as under load): the second waits.
    const [first, second] = editsOf(writer, ['A', 'B']);
    if (!first || !second) throw new Error('setup');
    writer.send(second);
    writer.send(first);
    await until(
      () => observer.text().startsWith('BA') || writer.errors().length > 0,
      () => `the observer to get both keystrokes (it has ${JSON.stringify(observer.text().slice(0, 4))})`,
    );
    expect(writer.errors()).toEqual([]);
    expect(observer.text().startsWith('BA')).toBe(true);
    writer.close();
    observer.close();
  });

  it('[SYNC16] a room ended while an update waits for one that never comes still lets its document go', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'candidate' });
    candidate.edit('main.py', 0, 'kept\n');
    await until(
      async () => (await filesOf(room.roomId, room.tokens.candidate))[0]?.content.startsWith('kept'),
      'edit stored',
    );
    const [, late] = editsOf(candidate, ['.', 'never']);
    if (!late) throw new Error('setup');
    candidate.send(late); // held: its first keystroke is never sent
    // Once the observer sees the candidate's presence, the room has read every frame before it.
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'observer' });
    candidate.setPresence({ user: { name: 'candidate', color: '#30bced' } });
    await until(() => observer.awareness.getStates().has(candidate.doc.clientID), "the candidate's presence");
    const ended = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(ended.status).toBe(200);
    await until(() => candidate.closed && observer.closed, 'both sockets closed by the end');
    await until(() => env.SNAPSHOTS.get(snapshotKey(room.roomId)).then((o) => o ?? undefined), 'the final snapshot');
    // Nobody is here and nothing can ever be written again: the document must go.
    await writeBehindBack(room.roomId, 'stored ');
    const reader = await Peer.connect(room.roomId, room.tokens.observer, { name: 'reader' });
    await until(
      () => reader.text().startsWith('stored kept'),
      () => `a document loaded again from storage (the reader has ${JSON.stringify(reader.text().slice(0, 12))})`,
    );
    reader.close();
  });

  it('[SYNC16] an idle room whose departed client left updates that can never fit lets its document go once they can no longer arrive', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'candidate' });
    candidate.edit('main.py', 0, 'kept\n');
    const [, late] = editsOf(candidate, ['.', 'never']);
    if (!late) throw new Error('setup');
    candidate.send(late); // held: its first keystroke is never sent
    await readUpTo(candidate);
    expect(candidate.errors()).toEqual([]);
    candidate.close();
    await until(() => env.SNAPSHOTS.get(snapshotKey(room.roomId)).then((o) => o ?? undefined), 'the idle snapshot');
    // The late frames it waited for could have come by now; the room looks again by its alarm.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + HELD_AFTER_LEAVE_MS + 1_000);
    await runDurableObjectAlarm(stubOf(room.roomId));
    vi.useRealTimers();
    await writeBehindBack(room.roomId, 'stored ');
    const reader = await Peer.connect(room.roomId, room.tokens.observer, { name: 'reader' });
    await until(
      () => reader.text().startsWith('stored kept'),
      () => `a document loaded again from storage (the reader has ${JSON.stringify(reader.text().slice(0, 12))})`,
    );
    reader.close();
  });

  it('[SYNC11] a writer whose socket dropped with an update held re-sends everything on reconnecting: it lands once, nothing refused', async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'observer' });
    const before = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'writer' });
    const [first, second] = editsOf(before, ['A', 'B']);
    if (!first || !second) throw new Error('setup');
    before.send(second); // the first is lost with the socket
    before.setPresence({ user: { name: 'writer', color: '#30bced' } });
    await until(() => observer.awareness.getStates().has(before.doc.clientID), "the writer's presence");
    before.close();
    await until(() => !observer.awareness.getStates().has(before.doc.clientID), 'the writer to have left');
    // The same client on a new socket: its provider answers the room's step 1 with all it has.
    const again = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'writer' });
    const all = new Y.Doc();
    Y.applyUpdate(all, Y.encodeStateAsUpdate(before.doc));
    for (const frame of [first, second]) {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder); // sync
      decoding.readVarUint(decoder); // update
      Y.applyUpdate(all, decoding.readVarUint8Array(decoder));
    }
    again.send(encodeUpdate(Y.encodeStateAsUpdate(all, Y.encodeStateVector(observer.doc))));
    await until(
      () => observer.text().startsWith('BA'),
      () => `both keystrokes (the observer has ${observer.text().slice(0, 4)})`,
    );
    await readUpTo(again);
    expect(again.errors()).toEqual([]);
    expect(observer.text().match(/[AB]/g)).toEqual(['B', 'A']);
    again.close();
    observer.close();
  });
});
