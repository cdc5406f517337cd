/**
 * The interview clock in real workerd (room/clock.ts, roomClock.ts): the routes and the
 * socket message, role checks, the alarm giving the notice and then ending the room,
 * an extension cancelling the notice, and a restart keeping it all. Like retention's
 * tests, a test moves the stored end into the past (a clock that ran out) and fires
 * the room's alarm, rather than waiting for real minutes.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cannot } from '../../src/auth/roles';
import { CLOCK_MAX_MINUTES, CLOCK_NOTICE_MS, RETENTION_DAYS } from '../../src/limits';
import { CLOSE_CODES } from '../../src/room/messages';
import { DAY_MS } from '../../src/room/retention';
import { snapshotKey } from '../../src/room/roomDocument';
import { api, type CreatedRoom, createRoom, Peer, until } from './support';

const MIN = 60_000;
const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));
const alarmOf = (roomId: string) => runInDurableObject(stubOf(roomId), (_i, state) => state.storage.getAlarm());

/** The clock as stored in the room's SQLite. */
const storedClock = (roomId: string) =>
  runInDurableObject(
    stubOf(roomId),
    (_i, state) =>
      state.storage.sql
        .exec<{ ends_at: number | null; clock_notice_for: number | null }>(
          'SELECT ends_at, clock_notice_for FROM room_meta WHERE id = 1',
        )
        .toArray()[0],
  );

/** Moves the stored clock (a clock that ran down while nobody watched). */
const storeClock = (roomId: string, endsAt: number, noticeFor: number | null = null) =>
  runInDurableObject(stubOf(roomId), (_i, state) => {
    state.storage.sql.exec('UPDATE room_meta SET ends_at = ?, clock_notice_for = ? WHERE id = 1', endsAt, noticeFor);
  });

const info = async (room: CreatedRoom) =>
  (await (await api(`/api/rooms/${room.roomId}`, { token: room.tokens.observer })).json()) as {
    endsAt: number | null;
    createdAt: number;
    status: string;
  };

function changeClock(room: CreatedRoom, body: unknown, token = room.tokens.interviewer) {
  return api(`/api/rooms/${room.roomId}/clock`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const clockMessages = (peer: Peer) => peer.messages.filter((m) => m.type === 'clock');

describe('the clock: routes and roles', () => {
  it('[CLK1] a room made with durationMinutes ends that long after it was made; without one it has no clock', async () => {
    const timed = await createRoom({ durationMinutes: 45 });
    const { createdAt, endsAt } = await info(timed);
    expect(endsAt).toBe(createdAt + 45 * MIN);
    expect((await info(await createRoom())).endsAt).toBeNull();

    for (const durationMinutes of [2, CLOCK_MAX_MINUTES + 1, 12.5, '30']) {
      const res = await api('/api/rooms', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ durationMinutes }),
      });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(/^durationMinutes: /);
    }
  });

  it('[CLK2] a joiner is told the clock with the server time, and everyone is told each change', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const { endsAt } = await info(room);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const first = await until(() => candidate.room.find('clock'), 'the clock on joining');
    expect(first).toMatchObject({ type: 'clock', endsAt, ending: false });
    expect(typeof first.now).toBe('number');

    const res = await changeClock(room, { action: 'extend', minutes: 10 });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { endsAt: number; ending: boolean };
    expect(answer).toMatchObject({ endsAt: (endsAt as number) + 10 * MIN, ending: false });
    for (const peer of [candidate, observer]) {
      await until(() => peer.room.view.clock?.endsAt === answer.endsAt, 'the extension');
      expect(peer.room.view.room?.endsAt).toBe(answer.endsAt);
    }
    expect((await info(room)).endsAt).toBe(answer.endsAt);

    // Over the socket too, with the same change body.
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    interviewer.ws.send(JSON.stringify({ type: 'clock', change: { action: 'clear' } }));
    await until(() => candidate.room.view.clock?.endsAt === null, 'the clear');
    expect((await info(room)).endsAt).toBeNull();
  });

  it('[CLK3] a candidate or observer cannot touch the clock, over HTTP or the socket; nothing changes', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const { endsAt } = await info(room);
    for (const role of ['candidate', 'observer'] as const) {
      const res = await changeClock(room, { action: 'extend', minutes: 5 }, room.tokens[role]);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: cannot(role, 'clock') } });
      const peer = await Peer.connect(room.roomId, room.tokens[role]);
      peer.ws.send(JSON.stringify({ type: 'clock', change: { action: 'clear' } }));
      await until(() => peer.errors().includes('forbidden'), 'the refusal');
      expect(clockMessages(peer)).toHaveLength(1); // only the one sent on joining
    }
    expect((await info(room)).endsAt).toBe(endsAt);
    expect(await storedClock(room.roomId)).toEqual({ ends_at: endsAt, clock_notice_for: null });
  });

  it('[CLK3] a bad body is 400 naming the field; extending no clock says so; an ended room refuses', async () => {
    const room = await createRoom();
    const odd = await changeClock(room, { action: 'extend', minutes: 7 });
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { error: { message: string } }).error.message).toBe(
      'minutes: must be one of 5, 10, 15',
    );
    const short = await changeClock(room, { action: 'set', seconds: 3 });
    expect(((await short.json()) as { error: { message: string } }).error.message).toMatch(
      /^seconds: must be at least/,
    );
    const none = await changeClock(room, { action: 'extend', minutes: 5 });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({
      error: { code: 'bad_request', message: 'This room has no clock to extend; set one first.' },
    });
    const peer = await Peer.connect(room.roomId, room.tokens.interviewer);
    peer.ws.send(JSON.stringify({ type: 'clock', change: { action: 'set' } }));
    await until(() => peer.errors().includes('bad_message'), 'the socket refusal');

    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const late = await changeClock(room, { action: 'set', seconds: 600 });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('room_ended');
  });
});

describe('the clock: the alarm', () => {
  it('[CLK5] gives everyone the notice, an extension cancels it, and at the end the room ends as if the interviewer ended it', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const { endsAt } = await info(room);
    // A new room with a clock asks for the alarm at the notice.
    expect(await alarmOf(room.roomId)).toBe((endsAt as number) - CLOCK_NOTICE_MS);

    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    candidate.edit('main.py', 0, '# last words\n');
    await until(() => observer.text().startsWith('# last words'), 'the edit');

    // The clock ran down to its notice.
    const soon = Date.now() + CLOCK_NOTICE_MS;
    await storeClock(room.roomId, soon);
    await runDurableObjectAlarm(stubOf(room.roomId));
    for (const peer of [candidate, observer]) {
      const notice = await until(() => peer.room.find('clock', (m) => m.ending), 'the notice');
      expect(notice.endsAt).toBeGreaterThanOrEqual(soon);
    }
    const noticed = await storedClock(room.roomId);
    expect(noticed?.clock_notice_for).toBe(noticed?.ends_at);

    // Extended during the notice: the notice is off and the room carries on past the old end.
    const extended = await changeClock(room, { action: 'extend', minutes: 5 });
    const { endsAt: later } = (await extended.json()) as { endsAt: number };
    expect(later).toBe((noticed?.ends_at as number) + 5 * MIN);
    await until(
      () => candidate.room.view.clock?.ending === false && candidate.room.view.clock.endsAt === later,
      'the cancel',
    );
    await runDurableObjectAlarm(stubOf(room.roomId));
    expect((await info(room)).status).toBe('active');
    expect(candidate.closed).toBeNull();

    // Time is up (the notice given, the end passed): the room ends.
    await storeClock(room.roomId, Date.now() - 1, Date.now() - 1);
    expect(await runDurableObjectAlarm(stubOf(room.roomId))).toBe(true);
    for (const peer of [candidate, observer]) {
      const closed = await until(() => peer.closed ?? undefined, 'the close');
      expect(closed).toEqual({ code: CLOSE_CODES.roomEnded, reason: 'Time is up: the interview has ended.' });
      expect(peer.messages.some((m) => m.type === 'room' && m.room.status === 'ended')).toBe(true);
    }
    const row = await env.DB.prepare('SELECT status, ended_at FROM rooms WHERE id = ?').bind(room.roomId).first();
    expect(row?.status).toBe('ended');
    expect(await env.SNAPSHOTS.head(snapshotKey(room.roomId))).not.toBeNull();
    // Retention took over the alarm, as after any end.
    expect(await alarmOf(room.roomId)).toBe((row?.ended_at as number) + RETENTION_DAYS * DAY_MS);
    // Read-only, for everyone.
    const late = await Peer.connect(room.roomId, room.tokens.interviewer);
    late.edit('main.py', 0, 'too late\n');
    await until(() => late.errors().includes('read_only'), 'the refusal');
  });

  it('[CLK5] shares the alarm: the clock neither pushes back a presence sweep nor is pushed back by one', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const { endsAt } = await info(room);
    const noticeAt = (endsAt as number) - CLOCK_NOTICE_MS;
    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    const sweep = await alarmOf(room.roomId);
    expect(sweep).not.toBeNull();
    expect(sweep as number).toBeLessThan(noticeAt);

    // Setting a later clock leaves the earlier sweep where it is.
    await changeClock(room, { action: 'set', seconds: 20 * 60 });
    expect(await alarmOf(room.roomId)).toBe(sweep);

    // Each firing does what is due and keeps the clock's wake-up; once nobody is here
    // the only alarm left is the clock's.
    const clockAt = ((await info(room)).endsAt as number) - CLOCK_NOTICE_MS;
    peer.close();
    for (let i = 0; i < 10 && (await alarmOf(room.roomId)) !== clockAt; i++) {
      await runDurableObjectAlarm(stubOf(room.roomId));
      const alarm = await alarmOf(room.roomId);
      expect(alarm).not.toBeNull();
      expect(alarm as number).toBeLessThanOrEqual(clockAt);
    }
    expect(await alarmOf(room.roomId)).toBe(clockAt);
    expect((await info(room)).status).toBe('active');
  });

  it('[CLK5] a room the interviewer ended before time is left alone by its clock', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const peer = await Peer.connect(room.roomId, room.tokens.observer);
    await storeClock(room.roomId, Date.now() + CLOCK_NOTICE_MS);
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const closed = await until(() => peer.closed ?? undefined, 'the close');
    expect(closed.reason).toBe('The interviewer ended the interview.');
    await runDurableObjectAlarm(stubOf(room.roomId));
    expect(await storedClock(room.roomId)).toMatchObject({ clock_notice_for: null });
    const late = await Peer.connect(room.roomId, room.tokens.observer);
    expect(await until(() => late.room.find('clock'), 'the clock on joining')).toMatchObject({ ending: false });
  });

  it('[CLK6] a restart keeps the clock, the notice and the alarm, and the clock still ends the room', async () => {
    const room = await createRoom({ durationMinutes: 30 });
    const soon = Date.now() + CLOCK_NOTICE_MS;
    await storeClock(room.roomId, soon);
    await runDurableObjectAlarm(stubOf(room.roomId));
    const before = await storedClock(room.roomId);
    const alarm = await alarmOf(room.roomId);
    expect(alarm).toBe(before?.ends_at);

    await abortAllDurableObjects();

    expect((await info(room)).endsAt).toBe(before?.ends_at);
    expect(await alarmOf(room.roomId)).toBe(alarm);
    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    const told = await until(() => peer.room.find('clock'), 'the clock on joining');
    expect(told).toMatchObject({ endsAt: before?.ends_at, ending: true });

    await storeClock(room.roomId, Date.now() - 1, Date.now() - 1);
    await runDurableObjectAlarm(stubOf(room.roomId));
    const closed = await until(() => peer.closed ?? undefined, 'the close');
    expect(closed.reason).toBe('Time is up: the interview has ended.');
    expect((await info(room)).status).toBe('ended');
  });
});
