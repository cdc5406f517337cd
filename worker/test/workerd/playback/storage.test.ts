/**
 * History as playback reads it, against the Durable Object's real SQLite and R2: what
 * could make a page wrong or unreadable. Reading while the room archives, and a clock
 * that steps back.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOG_COMPACT_ROWS, PLAYBACK_PAGE_BYTES } from '../../../src/limits';
import { Replay } from '../../../src/playback/replay';
import { RoomHistory } from '../../../src/playback/roomHistory';
import { fileByPath } from '../../../src/room/doc';
import { encodeUpdate } from '../../../src/room/protocol';
import { Room, type Sender } from '../../../src/room/room';
import { SqliteDocumentLog } from '../../../src/room/storage/documentLog';
import { History } from '../../../src/room/storage/history';
import { api, createRoom, until } from '../support';
import { manifestOf, pageOf, replayOf } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));
const ADA: Sender = { connId: 'c1', name: 'Ada', role: 'candidate', canWrite: true };

/** Types `count` characters into the room as Ada, through the room's own logic; archive effects are left to the caller. */
function typeInto(room: Room, count: number): void {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, room.snapshot());
  const sent: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => sent.push(u));
  for (let i = 0; i < count; i++) {
    fileByPath(doc, 'main.py')?.text.insert(0, 'a');
    for (const u of sent.splice(0)) room.receive(ADA, encodeUpdate(u));
  }
}

/** An R2 bucket whose reads wait until `release` is called. */
function heldBucket(bucket: R2Bucket): { bucket: R2Bucket; release: () => void } {
  let release = () => {};
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = Object.create(bucket) as R2Bucket;
  held.get = (async (key: string) => {
    await open;
    return bucket.get(key);
  }) as R2Bucket['get'];
  return { bucket: held, release };
}

describe('reading history while the room works', () => {
  it('[PLAY15] a page read while the room archives the rows it covers still holds every update', async () => {
    const { roomId } = await createRoom();
    const seqs = await runInDurableObject(stubOf(roomId), async (_i, state) => {
      const room = new Room(new SqliteDocumentLog(state.storage));
      typeInto(room, LOG_COMPACT_ROWS + 5); // compacted once
      await new History(state.storage, env.SNAPSHOTS, roomId).archive(); // one segment in R2
      typeInto(room, LOG_COMPACT_ROWS + 5); // compacted again: covered rows wait to be archived
      const slow = heldBucket(env.SNAPSHOTS);
      const reading = new History(state.storage, slow.bucket, roomId).read();
      // The archive moves the covered rows to R2 while the reader waits on its segment.
      expect(await new History(state.storage, env.SNAPSHOTS, roomId).archive()).toBeGreaterThan(0);
      slow.release();
      return (await reading).map((e) => e.seq);
    });
    const total = 1 + 2 * (LOG_COMPACT_ROWS + 5);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('[PLAY16] times never go backwards in history: an update stamped before the last (a clock that stepped back) keeps the last time', async () => {
    const { roomId } = await createRoom();
    const page = await runInDurableObject(stubOf(roomId), async (_i, state) => {
      let now = Date.now();
      const room = new Room(new SqliteDocumentLog(state.storage), () => now);
      typeInto(room, 3);
      now -= 60_000; // the object restarted on a machine whose clock is a minute behind
      const late = new Room(new SqliteDocumentLog(state.storage), () => now);
      typeInto(late, 3);
      const history = new History(state.storage, env.SNAPSHOTS, roomId);
      const playback = new RoomHistory(state.storage, env.SNAPSHOTS, () => history);
      const { manifest } = playback.manifest({
        roomId,
        title: '',
        language: 'python',
        status: 'active',
        createdAt: 0,
        endedAt: null,
        questionId: null,
        endsAt: null,
      });
      const [first] = manifest.pages;
      const bytes = await playback.page(first?.from ?? 0, first?.to ?? 0);
      return { bytes: bytes.ok ? bytes.value.byteLength : 0, times: await history.read() };
    });
    expect(page.bytes).toBeGreaterThan(0);
    const times = page.times.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('[PLAY17] pasted megabytes make more pages, each within PLAYBACK_PAGE_BYTES; a wider range is refused naming `to`', async () => {
    const room = await createRoom();
    await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      const live = new Room(new SqliteDocumentLog(state.storage));
      const history = new History(state.storage, env.SNAPSHOTS, room.roomId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.snapshot());
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      const text = fileByPath(doc, 'main.py')?.text as Y.Text;
      // A candidate pasting 200 KB and deleting it again, 25 times: 5 MB of history.
      for (let i = 0; i < 25; i++) {
        text.insert(0, String(i % 10).repeat(200 * 1024));
        text.delete(0, 200 * 1024);
        for (const u of sent.splice(0)) {
          for (const effect of live.receive(ADA, encodeUpdate(u)))
            if (effect.kind === 'archive') await history.archive();
        }
      }
    });
    const manifest = await manifestOf(room.roomId, room.tokens.interviewer);
    expect(manifest.pages.length).toBeGreaterThan(1);
    const { replay } = await replayOf(room.roomId, room.tokens.interviewer); // every listed page is served
    expect(replay.length).toBe(manifest.updates.count);
    const res = await api(`/api/rooms/${room.roomId}/history/updates?from=1&to=${manifest.updates.count}`, {
      token: room.tokens.interviewer,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      new RegExp(
        `^to: seq 1–${manifest.updates.count} holds \\d+ bytes of history, more than a page's ${PLAYBACK_PAGE_BYTES}`,
      ),
    );
  });
  it('[PLAY17] every page a manifest listed is still served after the room archives the rows it covers into larger segments', async () => {
    const room = await createRoom();
    await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      const live = new Room(new SqliteDocumentLog(state.storage));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.snapshot());
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      const text = fileByPath(doc, 'main.py')?.text as Y.Text;
      // A candidate pasting 200 KB and deleting it again, 25 times, in a room still going:
      // the rows are compacted but not yet archived when the interviewer opens playback.
      for (let i = 0; i < 25; i++) {
        text.insert(0, String(i % 10).repeat(200 * 1024));
        text.delete(0, 200 * 1024);
        for (const u of sent.splice(0)) live.receive(ADA, encodeUpdate(u));
      }
    });
    const manifest = await manifestOf(room.roomId, room.tokens.interviewer);
    expect(manifest.pages.length).toBeGreaterThan(1);
    // The archive the last compaction asked for runs while the page downloads.
    await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      expect(await new History(state.storage, env.SNAPSHOTS, room.roomId).archive()).toBeGreaterThan(0);
    });
    const replay = new Replay();
    for (const page of manifest.pages)
      replay.append(await pageOf(room.roomId, room.tokens.interviewer, page.from, page.to));
    expect(replay.length).toBe(manifest.updates.count);
  });
  it('[LIM17] the history a room has kept is counted again when it loads: its rows and the segments it moved to R2', async () => {
    const room = await createRoom();
    const written = await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      const log = new SqliteDocumentLog(state.storage);
      const live = new Room(log);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.snapshot());
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      const text = fileByPath(doc, 'main.py')?.text as Y.Text;
      const before = log.historyBytes();
      let bytes = 0;
      for (let i = 0; i < 25; i++) {
        text.insert(0, String(i % 10).repeat(200 * 1024));
        text.delete(0, 200 * 1024);
        for (const u of sent.splice(0)) {
          bytes += u.byteLength;
          for (const effect of live.receive(ADA, encodeUpdate(u))) if (effect.kind === 'archive') await history(state);
        }
      }
      live.flush();
      expect(log.historyBytes() - before).toBeGreaterThanOrEqual(bytes);
      await history(state);
      // Some of it moved to R2: a reloaded log still counts it.
      const segments = state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM history_segments').one().n;
      expect(segments).toBeGreaterThan(0);
      return bytes;
    });
    await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      const reloaded = new SqliteDocumentLog(state.storage);
      reloaded.load();
      expect(reloaded.historyBytes()).toBeGreaterThanOrEqual(written);
    });
    function history(state: DurableObjectState) {
      return new History(state.storage, env.SNAPSHOTS, room.roomId).archive();
    }
  });

  it('[PLAY1] two archives at once (the room let its History go while one was uploading) lose no update from history', async () => {
    const { roomId } = await createRoom();
    const seqs = await runInDurableObject(stubOf(roomId), async (_i, state) => {
      const room = new Room(new SqliteDocumentLog(state.storage));
      typeInto(room, LOG_COMPACT_ROWS + 5); // compacted once
      let release = () => {};
      const open = new Promise<void>((resolve) => {
        release = resolve;
      });
      let uploading = false;
      const slow = Object.create(env.SNAPSHOTS) as R2Bucket;
      slow.put = (async (...args: Parameters<R2Bucket['put']>) => {
        uploading = true;
        await open;
        return env.SNAPSHOTS.put(...args);
      }) as R2Bucket['put'];
      // The first archive uploads the rows the first compaction covered, slowly…
      const first = new History(state.storage, slow, roomId).archive();
      await until(() => uploading, 'the first archive uploading');
      // …while the room, loaded again after going idle, compacts more and archives with a new History.
      typeInto(room, LOG_COMPACT_ROWS + 5);
      await new History(state.storage, env.SNAPSHOTS, roomId).archive();
      release();
      await first;
      return (await new History(state.storage, env.SNAPSHOTS, roomId).read()).map((e) => e.seq);
    });
    const total = 1 + 2 * (LOG_COMPACT_ROWS + 5);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
  it('[PLAY17] rows that piled up while R2 refused writes are archived in segments within PLAYBACK_PAGE_BYTES, so every page stays within it', async () => {
    const room = await createRoom();
    const segments = await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      const live = new Room(new SqliteDocumentLog(state.storage));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.snapshot());
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      const text = fileByPath(doc, 'main.py')?.text as Y.Text;
      // 25 pastes of 200 KB, compacted as they come; the archives they ask for all fail.
      for (let i = 0; i < 25; i++) {
        text.insert(0, String(i % 10).repeat(200 * 1024));
        text.delete(0, 200 * 1024);
        for (const u of sent.splice(0)) live.receive(ADA, encodeUpdate(u));
      }
      // R2 takes writes again: the next archive moves them all.
      expect(await new History(state.storage, env.SNAPSHOTS, room.roomId).archive()).toBeGreaterThan(0);
      return state.storage.sql
        .exec<{ rows: number; bytes: number }>('SELECT to_seq - from_seq + 1 AS rows, bytes FROM history_segments')
        .toArray();
    });
    for (const { rows, bytes } of segments) if (rows > 1) expect(bytes).toBeLessThanOrEqual(PLAYBACK_PAGE_BYTES);
    const manifest = await manifestOf(room.roomId, room.tokens.interviewer);
    const { replay } = await replayOf(room.roomId, room.tokens.interviewer);
    expect(replay.length).toBe(manifest.updates.count);
  });
  it('[PLAY17] a page a manifest listed near PLAYBACK_PAGE_BYTES is still served once its rows are archived with their authors', async () => {
    const room = await createRoom();
    const upto = await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      // Compactions at the rows LOG_COMPACT_ROWS puts them (not drawn, SYNC18): where the last one
      // lands decides what this test reads.
      const live = new Room(new SqliteDocumentLog(state.storage), Date.now, () => LOG_COMPACT_ROWS);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.snapshot());
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      const text = fileByPath(doc, 'main.py')?.text as Y.Text;
      // 2 000 rows (a page's count) of ~4 KB pastes, each deleted again: just under a page's bytes.
      for (let i = 0; i < 1001; i++) {
        text.insert(0, 'x'.repeat(4150));
        text.delete(0, 4150);
        for (const u of sent.splice(0)) live.receive(ADA, encodeUpdate(u));
      }
      return state.storage.sql.exec<{ upto: number }>('SELECT upto_seq AS upto FROM doc_snapshot').one().upto;
    });
    const manifest = await manifestOf(room.roomId, room.tokens.interviewer);
    const [first] = manifest.pages;
    // The last compaction lies inside the first page: archiving makes it segments and rows.
    expect(upto).toBeLessThan(first?.to ?? 0);
    await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
      expect(await new History(state.storage, env.SNAPSHOTS, room.roomId).archive()).toBeGreaterThan(0);
    });
    const replay = new Replay();
    for (const page of manifest.pages)
      replay.append(await pageOf(room.roomId, room.tokens.interviewer, page.from, page.to));
    expect(replay.length).toBe(manifest.updates.count);
  });
});
