/**
 * POST /api/rooms/:roomId/restore against the real room: who may, what `at` must be,
 * the files everyone connected sees, the undo, and the restore in playback's history.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createFile, fileByPath, readFiles, renameFile } from '../../../src/room/doc';
import type { RoomDO } from '../../../src/room/RoomDO';
import { filesAt, manifestOf } from '../playback/support';
import { api, createRoom, Peer, until } from '../support';
import { momentAfter, refusalOf, restore, restored } from './support';

const sorted = (files: { path: string; content: string }[]) => [...files].sort((a, b) => a.path.localeCompare(b.path));

describe('restoring a room', () => {
  it('[RST2] [RST5] [RST8] gives every connected editor the files of the moment, and restoring to `restoredFrom` undoes it', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    const grace = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Grace' });
    ada.edit('main.py', 0, 'def solve():\n    return 1\n');
    const moment = await momentAfter(room.roomId, room.tokens.interviewer, 2);
    const then = await filesAt(room.roomId, room.tokens.interviewer, moment);

    // Since: an edit, a new file, a rename.
    ada.edit('main.py', 0, '# rewritten\n');
    createFile(ada.doc, 'helpers.py', 'X = 1\n');
    renameFile(ada.doc, fileByPath(ada.doc, 'main.py')?.id ?? '', 'solution.py');
    await until(
      () => fileByPath(grace.doc, 'helpers.py') && fileByPath(grace.doc, 'solution.py'),
      'Grace sees the changes',
    );
    const before = sorted(readFiles(ada.doc));

    const answer = await restored(room.roomId, room.tokens.interviewer, moment);
    expect(answer).toMatchObject({ at: moment, changed: true, by: { name: 'Grace', role: 'interviewer' } });
    expect(sorted(answer.files)).toEqual(sorted(then.files));
    for (const peer of [ada, grace]) {
      await until(
        () => JSON.stringify(sorted(readFiles(peer.doc))) === JSON.stringify(sorted(then.files)),
        'restored live',
      );
    }
    // Nothing was erased: the moment before the restore still reads what was there.
    expect(answer.restoredFrom).toBeGreaterThanOrEqual(moment);
    expect(sorted((await filesAt(room.roomId, room.tokens.observer, answer.restoredFrom)).files)).toEqual(before);

    const undo = await restored(room.roomId, room.tokens.interviewer, answer.restoredFrom);
    expect(sorted(undo.files)).toEqual(before);
    for (const peer of [ada, grace]) {
      await until(() => JSON.stringify(sorted(readFiles(peer.doc))) === JSON.stringify(before), 'undone live');
    }
    const events = (await manifestOf(room.roomId, room.tokens.observer)).events.filter((e) => e.type === 'restore');
    expect(events).toEqual([
      {
        type: 'restore',
        at: answer.restoredFrom + 1,
        who: { name: 'Grace', role: 'interviewer' },
        to: moment,
        from: answer.restoredFrom,
      },
      {
        type: 'restore',
        at: undo.restoredFrom + 1,
        who: { name: 'Grace', role: 'interviewer' },
        to: answer.restoredFrom,
        from: undo.restoredFrom,
      },
    ]);
    ada.close();
    grace.close();
  });

  it("[RST5] is stamped after every update before it, also one stamped at or past the room's clock (PLAY16)", async () => {
    const room = await createRoom();
    const moment = await momentAfter(room.roomId, room.tokens.interviewer, 1);
    // A clock that stepped back: the last update is stamped a minute ahead of the object's clock.
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const ahead = await runInDurableObject(stub, (instance: RoomDO) => {
      const at = Date.now() + 60_000;
      instance.room.change((doc) => fileByPath(doc, 'main.py')?.text.insert(0, 'stamped ahead\n'), at);
      instance.room.flush();
      return at;
    });
    const answer = await restored(room.roomId, room.tokens.interviewer, moment);
    expect(answer.restoredFrom).toBe(ahead);
    const { files } = await filesAt(room.roomId, room.tokens.interviewer, answer.restoredFrom);
    expect(files[0]?.content.startsWith('stamped ahead\n')).toBe(true);
    const now = await filesAt(room.roomId, room.tokens.interviewer, answer.restoredFrom + 1);
    expect(now.files[0]?.content.startsWith('stamped ahead\n')).toBe(false);
  });

  it('[RST1] is the interviewer’s: a candidate and an observer are refused in roles.ts words, no token is 401, and nothing changes', async () => {
    const room = await createRoom();
    const now = Date.now();
    for (const role of ['candidate', 'observer'] as const) {
      const refusal = await refusalOf(await restore(room.roomId, room.tokens[role], { at: now }));
      expect(refusal).toEqual({
        status: 403,
        code: 'forbidden',
        message: `You joined as ${role}. Only the interviewer can restore the room's files to an earlier moment.`,
      });
    }
    expect((await restore(room.roomId, '', { at: now })).status).toBe(401);
    const events = (await manifestOf(room.roomId, room.tokens.interviewer)).events;
    expect(events.some((e) => e.type === 'restore')).toBe(false);
  });

  it('[RST1] an ended room refuses (room_ended), its files as they ended', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate);
    const moment = await momentAfter(room.roomId, room.tokens.interviewer, 1);
    ada.edit('main.py', 0, 'final\n');
    await until(async () => (await manifestOf(room.roomId, room.tokens.interviewer)).updates.count >= 2, 'stored');
    expect(
      (await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer })).status,
    ).toBe(200);
    const refusal = await refusalOf(await restore(room.roomId, room.tokens.interviewer, { at: moment }));
    expect(refusal).toMatchObject({ status: 409, code: 'room_ended' });
    const files = await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer })).json();
    expect((files as { files: { content: string }[] }).files[0]?.content.startsWith('final\n')).toBe(true);
  });

  it('[RST4] a body that is not `{at}` as whole milliseconds, or a moment outside the room’s life, is 400 naming the field', async () => {
    const room = await createRoom();
    const cases: [unknown, RegExp][] = [
      [{}, /^at: /],
      [{ at: '1767000000000' }, /^at: must be a time in unix milliseconds/],
      [{ at: -1 }, /^at: must not be negative/],
      [{ at: 1.5 }, /^at: must be a whole number/],
      [{ at: 1e300 }, /^at: /],
      [{ at: Date.now(), also: 1 }, /also/],
      [
        { at: 0 },
        /^at: the room was made at \d+; pick a moment after that: between \d+ \(when the room was made\) and \d+ \(now\)/,
      ],
      [
        { at: Date.now() + 3_600_000 },
        /^at: \d+ is in the future.*: between \d+ \(when the room was made\) and \d+ \(now\)/,
      ],
    ];
    for (const [body, message] of cases) {
      const refusal = await refusalOf(await restore(room.roomId, room.tokens.interviewer, body));
      expect(refusal.status, JSON.stringify(body)).toBe(400);
      expect(refusal.message, JSON.stringify(body)).toMatch(message);
    }
    const notJson = await api(`/api/rooms/${room.roomId}/restore`, {
      method: 'POST',
      token: room.tokens.interviewer,
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
