/**
 * Retention (issue #10 hole 7): an ended room deletes itself RETENTION_DAYS after it
 * ended. The room's Durable Object keeps the time in its own storage and wakes for it
 * by its alarm (RoomDO.alarm); this module holds the policy and the parts of the
 * deletion outside the object: the room's R2 objects and its D1 rows. The D1 row stays,
 * marked `deleted` without token hashes, so the worker answers the room's links with
 * 410 in words, and never wakes (and so never revives) the object again.
 *
 * Rooms that ended before this policy existed kept no delete date and set no alarm, so
 * nothing would ever wake them. The worker's hourly sweep (index.ts `scheduled`,
 * wrangler.toml [triggers]) computes their date at read, `ended_at + RETENTION_DAYS`
 * from D1, and has each due room delete itself; it is also the backstop for a room
 * whose alarm was lost.
 *
 * @example
 * const at = deletionTime(endedAt, retentionDays(env));
 * await deleteOutsideObject(env, roomId, retentionDays(env));
 * await sweepRetention(env, Date.now()); // the cron
 */
import { ConfigError } from '../config';
import type { Env } from '../env';
import { RETENTION_DAYS } from '../limits';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The configured retention in days (RETENTION_DAYS var), or the default; a bad value is refused naming it. */
export function retentionDays(env: Pick<Env, 'RETENTION_DAYS'>): number {
  const value = env.RETENTION_DAYS?.trim();
  if (!value) return RETENTION_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) {
    throw new ConfigError(`RETENTION_DAYS must be a whole number of days, at least 1; got "${value}".`);
  }
  return days;
}

/** When a room that ended at `endedAt` is deleted. */
export function deletionTime(endedAt: number, days: number): number {
  return endedAt + days * DAY_MS;
}

/** What a deleted room's links answer (410). */
export function deletedMessage(days: number | null): string {
  return days === null
    ? 'This interview was deleted.'
    : `This interview was deleted after ${days} day${days === 1 ? '' : 's'}.`;
}

/** Where a room keeps things in R2: its snapshot and its history segments. */
export const roomPrefix = (roomId: string) => `rooms/${roomId}/`;

/** Deletes every R2 object under the room's prefix; returns how many. */
export async function deleteRoomObjects(bucket: R2Bucket, roomId: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: roomPrefix(roomId), cursor });
    const keys = page.objects.map((object) => object.key);
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}

/** R2 and D1: the room's objects go, its row is kept as `deleted` without token hashes, its run index and tickets go. */
export async function deleteOutsideObject(env: Env, roomId: string, days: number, now = Date.now()): Promise<void> {
  await deleteRoomObjects(env.SNAPSHOTS, roomId);
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE rooms SET status = 'deleted', deleted_at = ?, retention_days = ?,
         interviewer_token_hash = NULL, candidate_token_hash = NULL, observer_token_hash = NULL
       WHERE id = ?`,
    ).bind(now, days, roomId),
    env.DB.prepare('DELETE FROM runs WHERE room_id = ?').bind(roomId),
    env.DB.prepare('DELETE FROM ws_tickets WHERE room_id = ?').bind(roomId),
  ]);
}

/**
 * Rooms one sweep deletes at most: each wakes its object and lists its R2 prefix, and a
 * cron invocation has a bounded time. The rest are the oldest of the next hour's batch.
 */
export const RETENTION_SWEEP_BATCH = 50;

/**
 * Whether an ended room is due: at the earlier of the date it stored when it ended and
 * the date the policy gives now (a room that ended before retention stored none; and a
 * deployment that shortens RETENTION_DAYS means it for rooms already ended). An active
 * room (`endedAt` null) is never due.
 */
export function isDue(endedAt: number | null, storedDeleteAt: number | null, days: number, now: number): boolean {
  if (endedAt === null) return false;
  return Math.min(storedDeleteAt ?? Number.POSITIVE_INFINITY, deletionTime(endedAt, days)) <= now;
}

/**
 * The cron: every ended room D1 says is past `ended_at + RETENTION_DAYS` is asked to
 * delete itself (RoomDO.expire); its D1 row and R2 objects are then made sure of here,
 * for a room whose object had nothing left. A failure is logged and the others go on;
 * the sweep then fails (the room stays `ended` and the next sweep retries it).
 */
export async function sweepRetention(env: Env, now: number): Promise<string[]> {
  const days = retentionDays(env);
  const { results } = await env.DB.prepare(
    "SELECT id FROM rooms WHERE status = 'ended' AND ended_at <= ? ORDER BY ended_at LIMIT ?",
  )
    .bind(now - days * DAY_MS, RETENTION_SWEEP_BATCH)
    .all<{ id: string }>();
  const deleted: string[] = [];
  const failures: Error[] = [];
  for (const { id } of results) {
    try {
      if (!(await env.ROOM.get(env.ROOM.idFromName(id)).expire(now))) continue;
      await deleteOutsideObject(env, id, days, now);
      deleted.push(id);
    } catch (error) {
      console.error('retention sweep: deleting a room failed', { roomId: id, error: (error as Error).message });
      failures.push(error as Error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `retention sweep: ${failures.length} room(s) not deleted`);
  return deleted;
}
