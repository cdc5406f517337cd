/**
 * /api/rooms: create a room, read it, end it, read its files, join its WebSocket.
 * Authorisation for everything but creation happens in the room's Durable Object.
 */
import { DEFAULT_LANGUAGE, LANGUAGE_IDS } from '@codesync/executor/languages';
import { Hono } from 'hono';
import { z } from 'zod';
import { tokenFromRequest } from '../auth/authorize';
import type { Role } from '../auth/roles';
import { newRoomId, newToken, ROOM_ID_PATTERN, sha256Hex } from '../auth/tokens';
import type { Env } from '../env';
import { apiError } from '../errors';
import { MAX_TITLE_CHARS, ROOM_RATE_WINDOW_SECONDS, ROOMS_PER_CLIENT_PER_MINUTE } from '../limits';
import { locationHintFor } from '../room/locationHint';
import { runRequest } from '../room/messages';
import type { RoomResult } from '../room/RoomDO';
import { readJson } from '../validate';

const createRoomBody = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE_CHARS).optional(),
  language: z.enum(LANGUAGE_IDS, { error: `must be one of ${LANGUAGE_IDS.join(', ')}` }).optional(),
});

export const rooms = new Hono<{ Bindings: Env }>();

rooms.post('/', async (c) => {
  const body = await readJson(c, createRoomBody);
  const now = Date.now();
  const creatorKey = await sha256Hex(c.req.header('cf-connecting-ip') ?? 'local');
  await enforceCreateRate(c.env.DB, creatorKey, now);

  const roomId = newRoomId();
  const tokens = { interviewer: newToken(), candidate: newToken(), observer: newToken() };
  const hashes = {
    interviewer: await sha256Hex(tokens.interviewer),
    candidate: await sha256Hex(tokens.candidate),
    observer: await sha256Hex(tokens.observer),
  };
  const language = body.language ?? DEFAULT_LANGUAGE;
  const title = body.title ?? 'Untitled interview';

  await c.env.DB.prepare(
    `INSERT INTO rooms (id, title, language, status, created_at, creator_key,
       interviewer_token_hash, candidate_token_hash, observer_token_hash)
     VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
  )
    .bind(roomId, title, language, now, creatorKey, hashes.interviewer, hashes.candidate, hashes.observer)
    .run();
  const hint = locationHintFor(c.req.raw.cf as { continent?: unknown; longitude?: unknown } | undefined);
  const stub = c.env.ROOM.get(c.env.ROOM.idFromName(roomId), hint ? { locationHint: hint } : undefined);
  unwrap(await stub.init({ roomId, title, language, status: 'active', createdAt: now, endedAt: null, hashes }));

  const origin = new URL(c.req.url).origin;
  // The token rides in the fragment: browsers never send it to a server or a log.
  const link = (role: Role) => `${origin}/r/${roomId}#token=${tokens[role]}`;
  return c.json(
    {
      roomId,
      links: { interviewer: link('interviewer'), candidate: link('candidate'), observer: link('observer') },
      tokens,
    },
    201,
  );
});

rooms.get('/:roomId', async (c) =>
  c.json(unwrap(await roomStub(c.env, c.req.param('roomId')).details(tokenFromRequest(c.req.raw)))),
);

rooms.get('/:roomId/files', async (c) =>
  c.json(unwrap(await roomStub(c.env, c.req.param('roomId')).files(tokenFromRequest(c.req.raw)))),
);

rooms.post('/:roomId/end', async (c) =>
  c.json(unwrap(await roomStub(c.env, c.req.param('roomId')).end(tokenFromRequest(c.req.raw)))),
);

rooms.post('/:roomId/runs', async (c) => {
  const body = await readJson(c, runRequest);
  const stub = roomStub(c.env, c.req.param('roomId'));
  const { runId } = unwrap(await stub.startRun(tokenFromRequest(c.req.raw), body, new URL(c.req.url).origin));
  return c.json({ runId }, 202);
});

rooms.get('/:roomId/ws', async (c) => roomStub(c.env, c.req.param('roomId')).fetch(c.req.raw));

export function roomStub(env: Env, roomId: string) {
  // A malformed id cannot name a room; answer without waking any object.
  if (!ROOM_ID_PATTERN.test(roomId)) throw apiError(404, 'not_found', 'No room with this id. Check the link.');
  return env.ROOM.get(env.ROOM.idFromName(roomId));
}

const CODES = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
};

export function unwrap<T>(result: RoomResult<T>): T {
  if (result.ok) return result.value;
  throw apiError(result.status, result.code ?? CODES[result.status], result.message);
}

/** Sliding-window limit on rooms created per client, counted from D1's own rows. */
async function enforceCreateRate(db: D1Database, creatorKey: string, now: number): Promise<void> {
  const since = now - ROOM_RATE_WINDOW_SECONDS * 1000;
  const row = await db
    .prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM rooms WHERE creator_key = ? AND created_at > ?')
    .bind(creatorKey, since)
    .first<{ n: number; oldest: number | null }>();
  if (!row || row.n < ROOMS_PER_CLIENT_PER_MINUTE) return;
  const retryAfter = Math.max(1, Math.ceil(((row.oldest ?? now) + ROOM_RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  throw apiError(
    429,
    'rate_limited',
    `You can create ${ROOMS_PER_CLIENT_PER_MINUTE} rooms a minute. Try again in ${retryAfter} s.`,
    { 'retry-after': String(retryAfter) },
  );
}
