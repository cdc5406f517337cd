/**
 * `GET /api/rooms/:roomId/files?at=` against the real room: the files exactly as they
 * were at a moment, whether it falls in an R2 segment, before or after a checkpoint, in
 * the rows still in SQLite, before the first update or after the last; and the queries
 * of all three routes refused, naming the field, when they are not what they must be (a
 * moment outside the room's life included, as a restore refuses it).
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
    const { createdAt } = manifest.room;
    const end = Date.now();
    // Moments of the room's life only: from its making to now (the others are refused, PLAY14).
    const moments = new Set<number>([createdAt, (manifest.updates.firstAt ?? 0) - 1, end]);
    for (let k = 0; k < replay.length; k += 97) moments.add(replay.update(k)?.at ?? 0);
    for (const page of manifest.pages) for (const at of [page.firstAt, page.lastAt, page.lastAt + 1]) moments.add(at);
    for (const at of [...moments].filter((m) => m >= createdAt && m <= end)) {
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
    const now = await filesAt(room.roomId, room.tokens.observer, Date.now());
    expect(now.files).toEqual(readFiles(peers[0]?.doc ?? ({} as never)));
    expect(now.seq).toBe(total);
    // Made, but not yet seeded: no files.
    const firstAt = manifest.updates.firstAt ?? 0;
    if (firstAt > createdAt) {
      const before = await filesAt(room.roomId, room.tokens.observer, firstAt - 1);
      expect(before).toEqual({ at: firstAt - 1, seq: 0, files: [], entry: null });
    }
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
    // The largest safe integer is a well-formed `at`, in the future: refused for that (the test below).
    const last = await refusal(
      `/api/rooms/${room.roomId}/files?at=${Number.MAX_SAFE_INTEGER}`,
      room.tokens.interviewer,
    );
    expect(last.body.error.message).toMatch(/^at: \d+ is in the future/);
  });

  it('[PLAY14] `at` before the room was made or in the future is 400 naming `at` and its range, as a restore refuses it', async () => {
    const room = await createRoom();
    const { createdAt } = (await manifestOf(room.roomId, room.tokens.interviewer)).room;
    const range = new RegExp(
      `between ${createdAt} \\(when the room was made\\) and \\d+ \\(now\\), in unix milliseconds`,
    );
    const cases: [number, RegExp][] = [
      [0, /^at: the room was made at \d+; pick a moment after that/],
      [createdAt - 1, /^at: the room was made at \d+; pick a moment after that/],
      [Date.now() + 86_400_000, /^at: \d+ is in the future/],
      [Number.MAX_SAFE_INTEGER, /^at: \d+ is in the future/],
    ];
    for (const [at, message] of cases) {
      const files = await refusal(`/api/rooms/${room.roomId}/files?at=${at}`, room.tokens.interviewer);
      const restore = await api(`/api/rooms/${room.roomId}/restore`, {
        method: 'POST',
        token: room.tokens.interviewer,
        body: JSON.stringify({ at }),
      });
      const restored = (await restore.json()) as { error: { message: string } };
      for (const [what, status, text] of [
        ['files', files.status, files.body.error.message],
        ['restore', restore.status, restored.error.message],
      ] as const) {
        expect(status, `${what} at ${at}`).toBe(400);
        expect(text, `${what} at ${at}`).toMatch(message);
        expect(text, `${what} at ${at}`).toMatch(range);
      }
    }
    // The ends of the range are moments like any other.
    expect((await filesAt(room.roomId, room.tokens.interviewer, createdAt)).at).toBe(createdAt);
    const now = Date.now();
    expect((await filesAt(room.roomId, room.tokens.interviewer, now)).files.map((f) => f.path)).toEqual(['main.py']);
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
