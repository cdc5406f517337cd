/**
 * /internal/runs/:runId/events — where the executor posts a run's events — and
 * /internal/runs/:runId/stream, an interactive run's socket. Nothing is broadcast unless
 * the signature and its timestamp check out.
 */
import { jobEvent, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@codesync/executor/api';
import { Hono } from 'hono';
import { ROOM_ID_PATTERN } from '../auth/tokens';
import type { Env } from '../env';
import { fail } from '../errors';
import { checkHandshake, handshakeHeaders } from '../interactive/handshake';
import { MAX_FRAME_BYTES } from '../limits';
import { deletedMessage } from '../room/retention';
import { describeIssues, readCapped } from '../validate';
import { roomStub } from './stub';

export const internal = new Hono<{ Bindings: Env }>();

internal.post('/runs/:runId/events', async (c) => {
  // Read up to the cap only, then the signature, then (only if it checks out) the JSON.
  const raw = await readCapped(c.req.raw, MAX_FRAME_BYTES);
  const url = new URL(c.req.url);
  const check = await verifySignature(
    c.env.EXECUTOR_SECRET,
    'to-worker',
    { method: c.req.method, path: `${url.pathname}${url.search}`, body: raw },
    c.req.header(TIMESTAMP_HEADER),
    c.req.header(SIGNATURE_HEADER),
  );
  if (!check.ok) throw fail('unauthorized', `Event not signed correctly: ${check.reason}.`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw fail('bad_json', 'The event is not valid JSON.');
  }
  const parsed = jobEvent.safeParse(json);
  if (!parsed.success) throw fail('bad_request', describeIssues(parsed.error));
  const event = parsed.data;
  // requestId is "<roomId>:<runId>", signed with the event.
  const [roomId, runId] = (event.requestId ?? '').split(':');
  if (!roomId || runId !== c.req.param('runId')) {
    throw fail('bad_request', 'requestId: must be "<roomId>:<runId>" for this run');
  }
  await refuseDeadRoom(c.env, roomId);
  await roomStub(c.env, roomId).runEvent(runId, event);
  return c.body(null, 204);
});

/**
 * An interactive run's stream (interactive/runStreams.ts): the executor running the job
 * dials it, signed like its events. Checked here so a forgery never wakes a room, then
 * handed to the room with only the headers it needs to check it again.
 */
internal.get('/runs/:runId/stream', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw fail('upgrade_required');
  const check = await checkHandshake(c.env.EXECUTOR_SECRET, c.req.raw);
  if (!check.ok) throw fail('unauthorized', `Stream not signed correctly: ${check.reason}.`);
  await refuseDeadRoom(c.env, check.handshake.roomId);
  const forwarded = new Request(c.req.url, { headers: handshakeHeaders(c.req.raw) });
  return roomStub(c.env, check.handshake.roomId).fetch(forwarded);
});

/**
 * D1 first: an event for a room that retention deleted, or that never existed, is
 * refused here. Waking the room's object would run its storage migrations and write
 * tables back into a room that was emptied (and a late `finished` for a deleted room
 * is normal: the executor may still be retrying one). An ended room still takes its
 * events (RUN15).
 */
async function refuseDeadRoom(env: Env, roomId: string): Promise<void> {
  if (!ROOM_ID_PATTERN.test(roomId)) throw fail('not_found', 'requestId: names no room');
  const row = await env.DB.prepare('SELECT status, retention_days FROM rooms WHERE id = ?')
    .bind(roomId)
    .first<{ status: string; retention_days: number | null }>();
  if (!row) throw fail('not_found', 'requestId: names no room');
  if (row.status === 'deleted') throw fail('gone', deletedMessage(row.retention_days));
}
