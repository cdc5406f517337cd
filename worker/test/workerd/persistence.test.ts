/**
 * Durability: every update is on disk before anyone sees it; the log compacts into a
 * snapshot and replays to the same document; R2 gets a snapshot when the room idles.
 */
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOG_COMPACT_ROWS } from '../../src/limits';
import { fileByPath } from '../../src/room/doc';
import { snapshotKey } from '../../src/room/roomDocument';
import { api, createRoom, Peer, until } from './support';

async function filesOf(roomId: string, token: string) {
  const res = await api(`/api/rooms/${roomId}/files`, { token });
  return ((await res.json()) as { files: { path: string; content: string }[] }).files;
}

function logRows(roomId: string) {
  const stub = env.ROOM.get(env.ROOM.idFromName(roomId));
  return runInDurableObject(stub, (_instance, state) => ({
    // The rows a load reads: those after the snapshot (the ones it covers wait for history's archive, HIST5).
    updates: state.storage.sql
      .exec<{ n: number }>(
        'SELECT COUNT(*) AS n FROM doc_updates WHERE seq > (SELECT COALESCE(MAX(upto_seq), 0) FROM doc_snapshot)',
      )
      .one().n,
    snapshots: state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM doc_snapshot').one().n,
  }));
}

describe('durability', () => {
  it('[DUR1] an edit another peer has seen is in storage, and survives a restart of every object', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    const b = await Peer.connect(room.roomId, room.tokens.interviewer);
    a.edit('main.py', 0, 'x = 1\n');
    await until(() => b.text().startsWith('x = 1\n'), 'b to see the edit');
    await abortAllDurableObjects();
    const files = await filesOf(room.roomId, room.tokens.observer);
    expect(files[0]?.content).toBe('x = 1\nprint("Hello, CodeSync!")\n');
  });

  it('[SYNC15] a burst written once per tick is stored before anyone is sent it: a peer that synced mid-burst, then a restart', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    // Sent in one turn, so they reach the room together and merge into ticks.
    for (let i = 0; i < 50; i++) a.edit('main.py', 0, `${i % 10}`);
    const late = await Peer.connect(room.roomId, room.tokens.observer); // its step 2 carries the burst
    await until(() => late.text() === a.text(), 'the late peer to have the whole burst');
    const expected = a.text();
    await abortAllDurableObjects();
    const files = await filesOf(room.roomId, room.tokens.observer);
    expect(files[0]?.content).toBe(expected);
  });

  it('[DUR5] a peer reconnecting after a restart converges with what it had', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    a.edit('main.py', 0, 'one\n');
    await until(
      async () => (await filesOf(room.roomId, room.tokens.candidate))[0]?.content.startsWith('one'),
      'edit stored',
    );
    await abortAllDurableObjects();
    const again = await Peer.connect(room.roomId, room.tokens.candidate);
    expect(again.text()).toBe(a.text());
  });

  it('[DUR3] compacts the log past its bound into one snapshot that replays to the same document', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    const b = await Peer.connect(room.roomId, room.tokens.interviewer);
    const edits = LOG_COMPACT_ROWS + 20;
    for (let i = 0; i < edits; i++) a.edit('main.py', 0, `${i % 10}`);
    await until(
      () => b.text().length === a.text().length && b.text(),
      () =>
        `b to have every edit (b ${b.text().length}, a ${a.text().length}; refused: ${a.errors().join(', ') || 'nothing'})`,
    );
    const rows = await logRows(room.roomId);
    expect(rows.snapshots).toBe(1);
    expect(rows.updates).toBeLessThan(LOG_COMPACT_ROWS);
    const expected = a.text();
    await abortAllDurableObjects();
    const files = await filesOf(room.roomId, room.tokens.observer);
    expect(files[0]?.content).toBe(expected);
  });

  it('[SYNC16] a room whose last socket left lets its document go, and loads it from storage for the next one', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    a.edit('main.py', 0, 'kept\n');
    await until(
      async () => (await filesOf(room.roomId, room.tokens.candidate))[0]?.content.startsWith('kept'),
      'edit stored',
    );
    a.close();
    await until(() => env.SNAPSHOTS.get(snapshotKey(room.roomId)).then((o) => o ?? undefined), 'the idle snapshot');
    // Written behind the object's back: only a document loaded again from storage has it.
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    await runInDurableObject(stub, (_instance, state) => {
      const doc = new Y.Doc();
      for (const row of state.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_snapshot')) {
        Y.applyUpdate(doc, new Uint8Array(row.data));
      }
      for (const row of state.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq')) {
        Y.applyUpdate(doc, new Uint8Array(row.data));
      }
      const before = Y.encodeStateVector(doc);
      fileByPath(doc, 'main.py')?.text.insert(0, 'stored ');
      state.storage.sql.exec(
        "INSERT INTO doc_updates (data, at, conn_id, name, role) VALUES (?, 0, 'test', 'test', 'room')",
        Y.encodeStateAsUpdate(doc, before),
      );
    });
    const b = await Peer.connect(room.roomId, room.tokens.candidate);
    expect(b.text()).toMatch(/^stored kept\n/);
    b.close();
  });

  it('[DUR4] puts a snapshot in R2 when the last peer leaves', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.candidate);
    a.edit('main.py', 0, 'idle\n');
    await until(
      async () => (await filesOf(room.roomId, room.tokens.candidate))[0]?.content.startsWith('idle'),
      'edit stored',
    );
    a.close();
    const object = await until(
      () => env.SNAPSHOTS.get(snapshotKey(room.roomId)).then((o) => o ?? undefined),
      'R2 snapshot',
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await object.arrayBuffer()));
    expect(fileByPath(doc, 'main.py')?.text.toString()).toMatch(/^idle\n/);
  });
});
