/**
 * Rooms that ended before retention existed kept no delete date and set no alarm: no
 * visitor, no alarm, kept for ever. The worker's scheduled sweep (wrangler.toml
 * [triggers]) finds, in D1, the ended rooms whose `ended_at + RETENTION_DAYS` has passed
 * and has each delete itself. The test makes rooms as that release left them (ended,
 * no delete_at, no alarm), ended long ago or recently, and fires the real cron handler.
 */
import { abortAllDurableObjects, createScheduledController, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { RETENTION_DAYS } from '../../src/limits';
import { DAY_MS } from '../../src/room/retention';
import { api, createRoom } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

/** Ends the room, then rewinds it to how a room ended before retention looks, `endedAt` then. */
async function legacyEnded(endedAt: number): Promise<{ roomId: string; token: string }> {
  const room = await createRoom();
  const res = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
  expect(res.status).toBe(200);
  await runInDurableObject(stubOf(room.roomId), async (_i, state) => {
    state.storage.sql.exec('UPDATE room_meta SET delete_at = NULL, ended_at = ? WHERE id = 1', endedAt);
    await state.storage.deleteAlarm();
  });
  await env.DB.prepare('UPDATE rooms SET ended_at = ? WHERE id = ?').bind(endedAt, room.roomId).run();
  await env.SNAPSHOTS.put(`rooms/${room.roomId}/history/1-2`, 'segment');
  return { roomId: room.roomId, token: room.tokens.interviewer };
}

const statusOf = async (roomId: string) =>
  (await env.DB.prepare('SELECT status FROM rooms WHERE id = ?').bind(roomId).first<{ status: string }>())?.status;

describe('retention sweep', () => {
  it('[RET5] a room that ended before retention existed is deleted on schedule; one not yet due, and an active room, are kept', async () => {
    const now = Date.now();
    const due = await legacyEnded(now - (RETENTION_DAYS + 1) * DAY_MS);
    const notDue = await legacyEnded(now - (RETENTION_DAYS - 1) * DAY_MS);
    const active = await createRoom();
    // As after a deploy: the objects wake from their storage, not from what they held in memory.
    await abortAllDurableObjects();

    // The worker's own cron handler, as workerd calls it at the top of the hour.
    await worker.scheduled(createScheduledController({ cron: '0 * * * *', scheduledTime: now }), env);

    expect(await statusOf(due.roomId)).toBe('deleted');
    expect((await env.SNAPSHOTS.list({ prefix: `rooms/${due.roomId}/` })).objects).toEqual([]);
    const left = await runInDurableObject(stubOf(due.roomId), async (_i, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'room_meta'").toArray(),
    );
    expect(left).toEqual([]);
    const res = await api(`/api/rooms/${due.roomId}`, { token: due.token });
    expect(res.status).toBe(410);

    expect(await statusOf(notDue.roomId)).toBe('ended');
    expect((await api(`/api/rooms/${notDue.roomId}`, { token: notDue.token })).status).toBe(200);
    expect(await env.SNAPSHOTS.head(`rooms/${notDue.roomId}/history/1-2`)).not.toBeNull();
    expect(await statusOf(active.roomId)).toBe('active');
  });
});
