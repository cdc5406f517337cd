/**
 * `GET /api/rooms/:roomId/files?at=` against the real room: the files exactly as they
 * were at a moment, whether it falls in an R2 segment, before or after a checkpoint, in
 * the rows still in SQLite, before the first update or after the last; and the queries
 * of all three routes refused, naming the field, when they are not what they must be.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { HISTORY_CHECKPOINT_UPDATES } from '../../../src/limits';
import { PLAYBACK_PAGE_UPDATES } from '../../../src/playback/schema';
import { readFiles } from '../../../src/room/doc';
import { api, createRoom, Peer, until } from '../support';
import { filesAt, manifestOf, replayOf } from './support';

describe('the files at a moment', () => {
  it('[PLAY13] are what replaying the history to that moment gives, wherever it falls, past R2 checkpoints', async () => {
    const room = await createRoom();
    // Four typists, so the room passes a checkpoint without any socket passing its rate limit.
    const names = ['Ada', 'Bo', 'Cy', 'Di'];
    const peers = await Promise.all(names.map((name) => Peer.connect(room.roomId, room.tokens.candidate, { name })));
    const each = Math.ceil((HISTORY_CHECKPOINT_UPDATES + 300) / peers.length);
    for (let i = 0; i < each; i++) {
      for (const [n, peer] of peers.entries()) peer.edit('main.py', i % 7, `${n}`);
      // Let the room's clock move on now and then, so moments fall between updates.
      if (i % 50 === 0) await until(() => peers.every((p) => p.text().length > i * peers.length), 'in sync');
    }
    const total = 1 + each * peers.length;
    await until(async () => (await manifestOf(room.roomId, room.tokens.interviewer)).updates.count === total, 'stored');
    const checkpoints = await env.SNAPSHOTS.list({ prefix: `rooms/${room.roomId}/checkpoints/` });
    expect(checkpoints.objects.length).toBeGreaterThan(0);

    const { manifest, replay } = await replayOf(room.roomId, room.tokens.observer);
    const moments = new Set<number>([(manifest.updates.firstAt ?? 0) - 1, Date.now() + 3_600_000]);
    for (let k = 0; k < replay.length; k += 97) moments.add(replay.update(k)?.at ?? 0);
    for (const page of manifest.pages) for (const at of [page.firstAt, page.lastAt, page.lastAt + 1]) moments.add(at);
    for (const at of moments) {
      replay.seek(replay.indexAt(at));
      const answer = await filesAt(room.roomId, room.tokens.interviewer, at);
      const expected = replay.files().map(({ path, content }) => ({ path, content }));
      expect(answer, `at ${at}`).toEqual({
        at,
        seq: replay.position === 0 ? 0 : replay.update(replay.position - 1)?.seq,
        files: expected,
        entry: replay.entry(),
      });
    }
    // After the last update: what every typist holds now.
    const now = await filesAt(room.roomId, room.tokens.observer, Date.now() + 3_600_000);
    expect(now.files).toEqual(readFiles(peers[0]?.doc ?? ({} as never)));
    expect(now.seq).toBe(total);
    const before = await filesAt(room.roomId, room.tokens.observer, 0);
    expect(before).toEqual({ at: 0, seq: 0, files: [], entry: null });
    for (const peer of peers) peer.close();
  });
});

describe('hostile queries', () => {
  const refusal = async (path: string, token: string) => {
    const res = await api(path, { token });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  };

  it('[PLAY14] `at` that is missing a value, negative, not a number, fractional or past a safe integer is 400 naming `at`', async () => {
    const room = await createRoom();
    for (const at of ['', '-1', 'NaN', 'abc', '1.5', '1e12', '0x10', '99999999999999999', ' 12', '12&at=13']) {
      const { status, body } = await refusal(
        `/api/rooms/${room.roomId}/files?at=${at.includes('&') ? at : encodeURIComponent(at)}`,
        room.tokens.interviewer,
      );
      expect(status, at).toBe(400);
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message, at).toMatch(/^at: /);
    }
    // The largest safe integer is a moment after everything.
    const last = await filesAt(room.roomId, room.tokens.interviewer, Number.MAX_SAFE_INTEGER);
    expect(last.files.map((f) => f.path)).toEqual(['main.py']);
  });

  it('[PLAY14] a page whose `from` is after `to`, wider than a page, or not a whole number is 400 naming the field', async () => {
    const room = await createRoom();
    const page = (query: string) =>
      refusal(`/api/rooms/${room.roomId}/history/updates?${query}`, room.tokens.interviewer);
    const cases: [string, RegExp][] = [
      ['from=5&to=4', /^from: must be at most `to`/],
      [`from=1&to=${PLAYBACK_PAGE_UPDATES + 1}`, /^to: must be less than from \+ 2000/],
      ['from=0&to=9007199254740991', /^to: /],
      ['to=10', /^from: /],
      ['from=1', /^to: /],
      ['from=-1&to=3', /^from: /],
      ['from=NaN&to=3', /^from: /],
      ['from=1&to=3.5', /^to: /],
      ['from=1&to=1e3', /^to: /],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await page(query);
      expect(status, query).toBe(400);
      expect(body.error.message, query).toMatch(message);
    }
    const widest = await api(`/api/rooms/${room.roomId}/history/updates?from=1&to=${PLAYBACK_PAGE_UPDATES}`, {
      token: room.tokens.interviewer,
    });
    expect(widest.status).toBe(200);
  });

  it('[PLAY14] a candidate is refused 403 before a bad query is read', async () => {
    const room = await createRoom();
    for (const path of ['/files?at=-1', '/history/updates?from=9&to=1']) {
      expect((await api(`/api/rooms/${room.roomId}${path}`, { token: room.tokens.candidate })).status).toBe(403);
    }
  });
});
