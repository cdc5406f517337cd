/**
 * Adversarial suite, issue #10 hole 7 (retention): a signed executor event for a room
 * that was deleted, or never existed, must not wake the room's Durable Object. Waking
 * one runs its storage migrations, which would write tables into a room retention had
 * emptied (and let anyone holding a signed event revive storage under any room id).
 */
import { listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { signedHeaders } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import { BASE, createRoom } from '../support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

/** The tables a room's object holds (none once deleted, none if never created). */
const tablesOf = (roomId: string) =>
  runInDurableObject(stubOf(roomId), (_i, state) =>
    state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'",
      )
      .toArray()
      .map((row) => row.name),
  );

async function postEvent(roomId: string, runId = 'run-1'): Promise<Response> {
  const body = JSON.stringify({ type: 'started', jobId: 'job-1', requestId: `${roomId}:${runId}`, seq: 0 });
  const path = `/internal/runs/${runId}/events`;
  const headers = await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', { method: 'POST', path, body });
  return exports.default.fetch(`${BASE}${path}`, { method: 'POST', headers, body });
}

describe('executor events for rooms that are gone (hole 7)', () => {
  it('[SEC-DEAD1] hole 7: a signed event for a deleted room is refused 410 and does not wake its object', async () => {
    const room = await createRoom();
    const ended = await exports.default.fetch(`${BASE}/api/rooms/${room.roomId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.interviewer}`, 'cf-connecting-ip': '127.0.9.9' },
    });
    expect(ended.status).toBe(200);
    await runInDurableObject(stubOf(room.roomId), (_i, state) => {
      state.storage.sql.exec('UPDATE room_meta SET delete_at = ? WHERE id = 1', Date.now() - 1);
    });
    await runDurableObjectAlarm(stubOf(room.roomId));
    expect(await tablesOf(room.roomId)).toEqual([]);

    const res = await postEvent(room.roomId);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('gone');
    expect(await tablesOf(room.roomId)).toEqual([]);
  });

  for (const [what, roomId] of [
    ['an unknown room', 'unknownRoom0123456789a'],
    ['a malformed room id', 'not-a-room'],
  ] as const)
    it(`[SEC-DEAD1] hole 7: a signed event for ${what} is refused 404 and creates no storage`, async () => {
      const res = await postEvent(roomId);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      // Asked without waking it (runInDurableObject would construct the object).
      const id = env.ROOM.idFromName(roomId);
      expect((await listDurableObjectIds(env.ROOM)).some((other) => other.equals(id))).toBe(false);
    });
});
