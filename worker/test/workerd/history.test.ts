/**
 * History: every accepted update is kept with its time and author, past compaction
 * (moved to R2 in segments), and read back in order; candidates cannot read it.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HISTORY_ARCHIVE_ROWS, LOG_COMPACT_ROWS } from '../../src/limits';
import type { PageUpdate } from '../../src/playback/page';
import { fileByPath } from '../../src/room/doc';
import { pageOf, replayOf } from './playback/support';
import { api, createRoom, Peer, until } from './support';

/** Every update in the room's history, read as playback reads it: the manifest, then its pages. */
async function history(roomId: string, token: string): Promise<{ status: number; entries: PageUpdate[] }> {
  const res = await api(`/api/rooms/${roomId}/history`, { token });
  if (res.status !== 200) return { status: res.status, entries: [] };
  const { manifest, replay } = await replayOf(roomId, token);
  const entries = Array.from({ length: replay.length }, (_, i) => replay.update(i) as PageUpdate);
  expect(entries).toHaveLength(manifest.updates.count);
  return { status: 200, entries };
}

describe('history', () => {
  it('[HIST1] keeps every update with its author and time past compaction, in order, replayable', async () => {
    const room = await createRoom();
    // Enough for compactions to cover HISTORY_ARCHIVE_ROWS rows, whatever rows they draw
    // (HIST5), typed by four of Ada's tabs: each stays within its burst (MESSAGE_BURST).
    const tabs = await Promise.all(
      [1, 2, 3, 4].map(() => Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' })),
    );
    const ada = tabs[0] as Peer;
    const edits = HISTORY_ARCHIVE_ROWS + LOG_COMPACT_ROWS + 40;
    for (let i = 0; i < edits; i++) tabs[i % tabs.length]?.edit('main.py', 0, `${i % 10}`);
    await until(async () => (await history(room.roomId, room.tokens.interviewer)).entries.length > edits, 'history');
    await until(() => tabs.every((tab) => tab.text() === ada.text()) && ada.text().length > edits, 'every tab in sync');
    // The covered rows were moved to R2.
    const segments = await env.SNAPSHOTS.list({ prefix: `rooms/${room.roomId}/history/` });
    expect(segments.objects.length).toBeGreaterThan(0);

    const { entries } = await history(room.roomId, room.tokens.observer);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(entries.length);
    expect(entries[0]?.who).toEqual({ name: 'CodeSync', role: 'room' });
    const typed = entries.filter((e) => e.who.name === 'Ada');
    expect(typed).toHaveLength(edits);
    expect(typed.every((e) => e.who.role === 'candidate' && e.at > 0)).toBe(true);
    // Replaying the history rebuilds exactly what the room holds now.
    const replay = new Y.Doc();
    for (const e of entries) Y.applyUpdate(replay, e.update);
    expect(fileByPath(replay, 'main.py')?.text.toString()).toBe(ada.text());
  });

  it('[HIST2] reads a range by seq', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate);
    for (let i = 0; i < 5; i++) ada.edit('main.py', 0, 'x');
    await until(async () => (await history(room.roomId, room.tokens.interviewer)).entries.length >= 6, 'history');
    const entries = await pageOf(room.roomId, room.tokens.interviewer, 2, 3);
    expect(entries.map((e) => e.seq)).toEqual([2, 3]);
  });

  it('[ROLE4] a candidate cannot read the history', async () => {
    const room = await createRoom();
    expect((await history(room.roomId, room.tokens.candidate)).status).toBe(403);
  });

  it('[HIST3] loading a long room reads only the snapshot and the rows after it', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate);
    for (let i = 0; i < LOG_COMPACT_ROWS + 10; i++) ada.edit('main.py', 0, 'y');
    await until(
      async () => (await history(room.roomId, room.tokens.interviewer)).entries.length > LOG_COMPACT_ROWS,
      'history',
    );
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const tail = await runInDurableObject(stub, (_i, state) => {
      const upto = state.storage.sql.exec<{ u: number }>('SELECT upto_seq AS u FROM doc_snapshot').one().u;
      return state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE seq > ?', upto).one().n;
    });
    expect(tail).toBeLessThan(LOG_COMPACT_ROWS);
  });
});
