/**
 * Playback's API against the real room (workerd, real SQLite, R2 and D1): the manifest
 * and its pages cover every update through compaction and R2 segments, and replaying
 * them rebuilds what each person's Yjs client held; who may read it, and what is refused.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cannot } from '../../../src/auth/roles';
import { HISTORY_ARCHIVE_ROWS, LOG_COMPACT_ROWS } from '../../../src/limits';
import { PLAYBACK_PAGE_UPDATES } from '../../../src/playback/schema';
import { api, createRoom, Peer, until } from '../support';
import { filesAt, manifestOf, pageOf, replayOf } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

describe('the manifest and its pages', () => {
  it('[PLAY1] cover every update past compaction and R2 segments, contiguous, and replay to what both typists hold', async () => {
    const room = await createRoom();
    // Enough for compactions to cover HISTORY_ARCHIVE_ROWS rows: some history is in R2 (HIST5).
    // Each typist in two tabs, so that no connection passes its burst (MESSAGE_BURST).
    const tabsOf = (token: string, name: string) =>
      Promise.all([1, 2].map(() => Peer.connect(room.roomId, token, { name })));
    const adas = await tabsOf(room.tokens.candidate, 'Ada');
    const graces = await tabsOf(room.tokens.interviewer, 'Grace');
    const [ada, grace] = [adas[0], graces[0]] as [Peer, Peer];
    const each = Math.ceil((HISTORY_ARCHIVE_ROWS + LOG_COMPACT_ROWS) / 2) + 60;
    for (let i = 0; i < each; i++) {
      adas[i % 2]?.edit('main.py', 0, `${i % 10}`);
      const g = graces[i % 2] as Peer;
      g.edit('main.py', g.text().length, 'g');
    }
    const tabs = [...adas, ...graces];
    await until(
      () => tabs.every((tab) => tab.text() === ada.text()) && ada.text().length >= 2 * each + 1 && ada.text(),
      'every tab in sync',
    );
    const expected = 1 + 2 * each; // the seed, then every keystroke
    const manifest = await until(async () => {
      const m = await manifestOf(room.roomId, room.tokens.observer);
      return m.updates.count >= expected && m;
    }, 'every update in the manifest');
    expect(manifest.updates.count).toBe(expected);
    expect((await env.SNAPSHOTS.list({ prefix: `rooms/${room.roomId}/history/` })).objects.length).toBeGreaterThan(0);

    // Contiguous from seq 1, each page at most a page, together every update.
    expect(manifest.pages[0]?.from).toBe(1);
    for (const [i, page] of manifest.pages.entries()) {
      expect(page.count).toBeLessThanOrEqual(PLAYBACK_PAGE_UPDATES);
      expect(page.count).toBe(page.to - page.from + 1);
      if (i > 0) expect(page.from).toBe((manifest.pages[i - 1]?.to ?? 0) + 1);
    }
    expect(manifest.pages.reduce((n, p) => n + p.count, 0)).toBe(expected);
    expect(manifest.updates.firstAt).toBe(manifest.pages[0]?.firstAt);
    expect(manifest.people).toEqual([
      { name: 'Ada', role: 'candidate' },
      { name: 'Grace', role: 'interviewer' },
    ]);
    expect(manifest.room).toMatchObject({ roomId: room.roomId, status: 'active', endedAt: null });

    const { replay } = await replayOf(room.roomId, room.tokens.interviewer);
    expect(replay.length).toBe(expected);
    replay.seek(replay.length);
    const [main] = replay.files();
    expect(main?.content).toBe(ada.text());
    // Who wrote what: the seed is the room's, every digit Ada's, every g Grace's.
    const typed = (name: string) =>
      (main?.spans ?? []).filter((s) => s.who?.name === name).reduce((n, s) => n + s.length, 0);
    expect(typed('Ada')).toBe(each);
    expect(typed('Grace')).toBe(each);
    expect((main?.spans ?? []).reduce((n, s) => n + s.length, 0)).toBe(main?.content.length);
    ada.close();
    grace.close();
  });

  it('[PLAY2] a page is a range of seq, both ends included; past the end is what exists (nothing)', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    for (let i = 0; i < 5; i++) ada.edit('main.py', 0, 'x');
    await until(async () => (await manifestOf(room.roomId, room.tokens.interviewer)).updates.count === 6, 'history');
    expect((await pageOf(room.roomId, room.tokens.interviewer, 2, 3)).map((u) => u.seq)).toEqual([2, 3]);
    const [second] = await pageOf(room.roomId, room.tokens.observer, 2, 2);
    expect(second?.who).toEqual({ name: 'Ada', role: 'candidate' });
    expect(await pageOf(room.roomId, room.tokens.interviewer, 7, 7 + PLAYBACK_PAGE_UPDATES - 1)).toEqual([]);
    expect(await pageOf(room.roomId, room.tokens.interviewer, 5, 10)).toHaveLength(2);
    ada.close();
  });
});

describe('who may read it', () => {
  const paths = (roomId: string) => [
    `/api/rooms/${roomId}/history`,
    `/api/rooms/${roomId}/history/updates?from=1&to=10`,
    `/api/rooms/${roomId}/files?at=${Date.now()}`,
  ];

  it('[PLAY3] a candidate gets 403 on all three, in words and with no history; interviewer and observers 200, after the room ends too', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    ada.edit('main.py', 0, 'secret_marker_xyz = 1\n');
    await until(
      async () => (await filesAt(room.roomId, room.tokens.interviewer, Date.now())).files[0]?.content.includes('xyz'),
      'the edit stored',
    );
    const check = async () => {
      for (const path of paths(room.roomId)) {
        const refused = await api(path, { token: room.tokens.candidate });
        expect(refused.status, path).toBe(403);
        const body = await refused.text();
        expect(JSON.parse(body)).toEqual({ error: { code: 'forbidden', message: cannot('candidate', 'review') } });
        for (const token of [room.tokens.interviewer, room.tokens.observer]) {
          const res = await api(path, { token });
          expect(res.status, path).toBe(200);
          expect(res.headers.get('cache-control')).toBe('no-store');
        }
      }
    };
    await check();
    expect(
      (await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer })).status,
    ).toBe(200);
    await check();
    const ended = await manifestOf(room.roomId, room.tokens.observer);
    expect(ended.room.status).toBe('ended');
    // A candidate still reads the room's files now: only `?at=` is the panel's.
    expect((await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.candidate })).status).toBe(200);
  });

  it('[PLAY4] no token is 401, an unknown room 404 and a deleted one 410, on all three', async () => {
    const room = await createRoom();
    for (const path of paths(room.roomId)) expect((await api(path)).status, path).toBe(401);
    for (const path of paths('AAAAAAAAAAAAAAAAAAAAAA')) {
      expect((await api(path, { token: room.tokens.interviewer })).status, path).toBe(404);
    }
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    // Retention's deletion (RET2), as the hourly sweep does it once the room is due.
    await runInDurableObject(stubOf(room.roomId), (_i, state) => {
      state.storage.sql.exec('UPDATE room_meta SET delete_at = ? WHERE id = 1', Date.now() - 1);
    });
    expect(await stubOf(room.roomId).expire(Date.now())).toBe(true);
    for (const path of paths(room.roomId)) {
      expect((await api(path, { token: room.tokens.interviewer })).status, path).toBe(410);
    }
  });
});
