/**
 * Retention (issue #10 hole 7), in real workerd with the room's SQLite, D1 and R2: an
 * ended room deletes itself RETENTION_DAYS after it ended, by the alarm it shares with
 * run checks and presence sweeps. The test moves the stored deletion time into the past
 * (a room that ended long ago) and fires the alarm.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { RETENTION_DAYS } from '../../src/limits';
import { DAY_MS } from '../../src/room/retention';
import { snapshotKey } from '../../src/room/roomDocument';
import type { RunRecord } from '../../src/runs/record';
import { RunRepository } from '../../src/runs/repository';
import { queuedRun } from '../unit/runs/support';
import { api, createRoom, Peer, until } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

const alarmOf = (roomId: string) => runInDurableObject(stubOf(roomId), (_i, state) => state.storage.getAlarm());

/** The room ended long ago: its stored deletion time is already past. */
const backdate = (roomId: string) =>
  runInDurableObject(stubOf(roomId), (_i, state) => {
    state.storage.sql.exec('UPDATE room_meta SET delete_at = ? WHERE id = 1', Date.now() - 1);
  });

function storeOpenRun(roomId: string, runId: string) {
  return runInDurableObject(stubOf(roomId), async (_instance, state) => {
    const waits: Promise<unknown>[] = [];
    const repo = new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    );
    const record: RunRecord = { run: queuedRun(runId, Date.now()), nextSeq: 0, jobId: 'job-1', held: [] };
    repo.save(record);
    await Promise.all(waits);
  });
}

async function end(roomId: string, token: string): Promise<number> {
  const res = await api(`/api/rooms/${roomId}/end`, { method: 'POST', token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { endedAt: number }).endedAt;
}

describe('retention', () => {
  it('[RET1][RET2] an ended room schedules its deletion and, when due, its storage, alarm, R2 objects, token hashes and run index go', async () => {
    const room = await createRoom();
    const other = await createRoom();
    await storeOpenRun(room.roomId, 'run-1');
    await env.SNAPSHOTS.put(`rooms/${room.roomId}/history/1-2`, 'segment');
    await env.SNAPSHOTS.put(`rooms/${other.roomId}/history/1-2`, 'another room');

    const endedAt = await end(room.roomId, room.tokens.interviewer);
    expect(await alarmOf(room.roomId)).toBe(endedAt + RETENTION_DAYS * DAY_MS);
    expect(await env.SNAPSHOTS.head(snapshotKey(room.roomId))).not.toBeNull();

    await backdate(room.roomId);
    expect(await runDurableObjectAlarm(stubOf(room.roomId))).toBe(true);

    const left = await runInDurableObject(stubOf(room.roomId), async (_i, state) => ({
      alarm: await state.storage.getAlarm(),
      tables: state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'",
        )
        .toArray()
        .map((row) => row.name),
    }));
    expect(left).toEqual({ alarm: null, tables: [] });
    expect((await env.SNAPSHOTS.list({ prefix: `rooms/${room.roomId}/` })).objects).toEqual([]);
    expect(await env.SNAPSHOTS.head(`rooms/${other.roomId}/history/1-2`)).not.toBeNull();

    const row = await env.DB.prepare('SELECT * FROM rooms WHERE id = ?').bind(room.roomId).first();
    expect(row).toMatchObject({
      status: 'deleted',
      interviewer_token_hash: null,
      candidate_token_hash: null,
      observer_token_hash: null,
      retention_days: RETENTION_DAYS,
    });
    const runs = await env.DB.prepare('SELECT COUNT(*) AS n FROM runs WHERE room_id = ?').bind(room.roomId).first();
    expect(runs?.n).toBe(0);
    const otherRow = await env.DB.prepare('SELECT status FROM rooms WHERE id = ?').bind(other.roomId).first();
    expect(otherRow?.status).toBe('active');
  });

  it('[RET3] a deleted room answers 410 in words, with or without a token, and is not revived', async () => {
    const room = await createRoom();
    await end(room.roomId, room.tokens.interviewer);
    await backdate(room.roomId);
    await runDurableObjectAlarm(stubOf(room.roomId));

    const message = `This interview was deleted after ${RETENTION_DAYS} days.`;
    for (const token of [room.tokens.interviewer, room.tokens.candidate, undefined]) {
      const res = await api(`/api/rooms/${room.roomId}`, { token });
      expect(res.status).toBe(410);
      expect(await res.json()).toEqual({ error: { code: 'gone', message } });
    }
    const files = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.interviewer });
    expect(files.status).toBe(410);
    const ws = await Peer.upgrade(room.roomId, room.tokens.candidate);
    expect(ws.status).toBe(410);
    // Nothing came back: the object was never woken into a room again.
    const tables = await runInDurableObject(stubOf(room.roomId), (_i, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'room_meta'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it('[RET4] a run check or presence sweep set around the end neither cancels the deletion nor is cancelled by it', async () => {
    const room = await createRoom();
    await storeOpenRun(room.roomId, 'run-1');
    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    const early = await alarmOf(room.roomId);
    expect(early).not.toBeNull();

    const endedAt = await end(room.roomId, room.tokens.interviewer);
    const deleteAt = endedAt + RETENTION_DAYS * DAY_MS;
    // The later deletion did not push back the presence sweep already set.
    expect(await alarmOf(room.roomId)).toBe(early);
    await until(() => peer.closed ?? undefined, 'the close');

    // Fire what is due until only the deletion is left: each firing keeps it scheduled.
    for (let i = 0; i < 10 && (await alarmOf(room.roomId)) !== deleteAt; i++) {
      await runDurableObjectAlarm(stubOf(room.roomId));
      const alarm = await alarmOf(room.roomId);
      expect(alarm).not.toBeNull();
      expect(alarm as number).toBeLessThanOrEqual(deleteAt);
      const row = await env.DB.prepare('SELECT status FROM rooms WHERE id = ?').bind(room.roomId).first();
      expect(row?.status).toBe('ended');
    }
    expect(await alarmOf(room.roomId)).toBe(deleteAt);

    await backdate(room.roomId);
    await runDurableObjectAlarm(stubOf(room.roomId));
    const row = await env.DB.prepare('SELECT status FROM rooms WHERE id = ?').bind(room.roomId).first();
    expect(row?.status).toBe('deleted');
  });
});
