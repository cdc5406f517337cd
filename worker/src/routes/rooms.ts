/**
 * /api/rooms: create a room, read it, end it, read its files, run its code,
 * join its WebSocket. Callers are verified here (stub.ts); what each role may do is
 * checked by the room's Durable Object.
 */
import { DEFAULT_LANGUAGE, LANGUAGE_IDS } from '@codesync/executor/languages';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { creatorOf } from '../accounts/ownership/policy';
import { clientKeySource } from '../auth/clientKey';
import { PRINCIPAL_HEADER } from '../auth/principal';
import { can, cannot, ROLES, type Role } from '../auth/roles';
import { issueTicket } from '../auth/tickets';
import { newRoomId, newToken, sha256Hex } from '../auth/tokens';
import { publicUrl } from '../config';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import {
  CLOCK_MAX_MINUTES,
  CLOCK_MIN_MINUTES,
  MAX_TITLE_CHARS,
  ROOM_RATE_WINDOW_SECONDS,
  ROOMS_PER_CLIENT_PER_MINUTE,
} from '../limits';
import { linkReplaced, roomCreated, roomDetails, roomFiles, runStarted, ticket } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { filesAtResponse } from '../playback/schema';
import { questionFor, starterFor } from '../questions';
import { locationHintFor } from '../room/locationHint';
import { roomInfo, runRequest } from '../room/messages';
import type { RoomSeed } from '../room/room';
import { readJson } from '../validate';
import { panelStub } from './panel';
import { roomFor, roomStub, socketCaller } from './stub';

export const createRoomBody = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE_CHARS).optional(),
  language: z.enum(LANGUAGE_IDS, { error: `must be one of ${LANGUAGE_IDS.join(', ')}` }).optional(),
  /** A bank question (GET /api/questions): the room starts with its starter and first example's input. */
  questionId: z.string().max(100).optional(),
  /** The interview's clock (room/clock.ts): the room ends by itself this many minutes from now. */
  durationMinutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(CLOCK_MIN_MINUTES, `must be at least ${CLOCK_MIN_MINUTES}`)
    .max(CLOCK_MAX_MINUTES, `must be at most ${CLOCK_MAX_MINUTES}`)
    .optional(),
});

export const rooms = new Hono<{ Bindings: Env }>();

rooms.post(
  '/',
  describeRoute({
    summary: 'Create a room',
    description:
      'Anyone may (a few a minute per client); where REQUIRE_ACCOUNT is on, only a signed-in account, whose dashboard then lists it. Each role gets its own link; the token rides in its fragment.',
    tag: 'rooms',
    auth: 'optionalSession',
    body: {
      schema: createRoomBody,
      example: { title: 'Backend interview', language: 'python', questionId: 'two-sum', durationMinutes: 45 },
    },
    answers: { 201: { description: 'The room, its links and their tokens (shown once)', schema: roomCreated } },
    refusals: ['not_signed_in', 'rate_limited'],
  }),
  async (c) => {
    const ownerId = await creatorOf(c); // REQUIRE_ACCOUNT, and who will find it on their dashboard
    const body = await readJson(c, createRoomBody);
    return c.json(await createRoom(c, ownerId, body), 201);
  },
);

/**
 * Makes a room owned by `ownerId` (or nobody): the one way rooms are made, from the form
 * and by a fork (routes/fork.ts), whose `given` seed (its files and question) replaces
 * what `questionId` would seed.
 */
export async function createRoom(
  c: Context<{ Bindings: Env }>,
  ownerId: string | null,
  body: z.infer<typeof createRoomBody>,
  given?: RoomSeed,
) {
  const question = body.questionId === undefined ? null : questionFor(body.questionId);
  if (body.questionId !== undefined && !question) {
    throw fail('bad_request', 'questionId: no question with this id. GET /api/questions lists them.');
  }
  const origin = publicUrl(c.env); // before anything is written: a misconfigured server makes no room
  const now = Date.now();
  const creatorKey = await sha256Hex(clientKeySource(c.req.raw, c.env));

  const roomId = newRoomId();
  const tokens = { interviewer: newToken(), candidate: newToken(), observer: newToken() };
  const hashes = {
    interviewer: await sha256Hex(tokens.interviewer),
    candidate: await sha256Hex(tokens.candidate),
    observer: await sha256Hex(tokens.observer),
  };
  const language = body.language ?? DEFAULT_LANGUAGE;
  const title = body.title ?? question?.question.title ?? 'Untitled interview';
  // Only what a candidate may see seeds the shared doc: the starter and a visible example.
  const seed =
    given ??
    (question
      ? {
          file: starterFor(question, language),
          stdin: question.question.tests.find((c) => !c.hidden)?.stdin ?? '',
        }
      : undefined);

  // Count and insert in one statement, so racing requests cannot all pass the count (hole 7).
  const since = now - ROOM_RATE_WINDOW_SECONDS * 1000;
  const inserted = await c.env.DB.prepare(
    `INSERT INTO rooms (id, title, language, status, created_at, creator_key,
       interviewer_token_hash, candidate_token_hash, observer_token_hash, owner_account_id)
     SELECT ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?
     WHERE (SELECT COUNT(*) FROM rooms WHERE creator_key = ? AND created_at > ?) < ?`,
  )
    .bind(
      roomId,
      title,
      language,
      now,
      creatorKey,
      hashes.interviewer,
      hashes.candidate,
      hashes.observer,
      ownerId,
      creatorKey,
      since,
      ROOMS_PER_CLIENT_PER_MINUTE,
    )
    .run();
  if (inserted.meta.changes === 0) await refuseCreateRate(c.env.DB, creatorKey, now);
  const hint = locationHintFor(c.req.raw.cf as { continent?: unknown; longitude?: unknown } | undefined);
  const stub = c.env.ROOM.get(c.env.ROOM.idFromName(roomId), hint ? { locationHint: hint } : undefined);
  unwrap(
    await stub.init(
      {
        roomId,
        title,
        language,
        status: 'active',
        createdAt: now,
        endedAt: null,
        questionId: question ? question.question.slug : null,
        endsAt: body.durationMinutes === undefined ? null : now + body.durationMinutes * 60_000,
      },
      seed,
    ),
  );

  // The token rides in the fragment: browsers never send it to a server or a log.
  const link = (role: Role) => `${origin}/r/${roomId}#token=${tokens[role]}`;
  return {
    roomId,
    links: { interviewer: link('interviewer'), candidate: link('candidate'), observer: link('observer') },
    tokens,
  };
}

rooms.get(
  '/:roomId',
  describeRoute({
    summary: 'Read a room',
    description: 'Its title, status, language, clock, your role and who is online.',
    tag: 'rooms',
    auth: 'room',
    answers: { 200: { description: 'The room', schema: roomDetails } },
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.details(principal)));
  },
);

rooms.get(
  '/:roomId/files',
  describeRoute({
    summary: 'Read the room’s files',
    description:
      'Without `at`: the files now, for every role. With `at` (unix ms; interviewer and observers only, routes/history.ts): the files as they were then, `{at, seq, files, entry}`.',
    tag: 'rooms',
    auth: 'room',
    query: z.object({
      at: z
        .string()
        .regex(/^\d{1,16}$/)
        .optional()
        .describe(
          'A moment in unix milliseconds, from the room’s making to now (as a restore takes it); 400 naming `at` otherwise',
        ),
    }),
    answers: { 200: { description: 'The files and the entry file', schema: z.union([roomFiles, filesAtResponse]) } },
    refusals: ['forbidden'],
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.files(principal)));
  },
);

rooms.post(
  '/:roomId/end',
  describeRoute({
    summary: 'End the interview',
    description: 'Every socket is closed with a reason, the room becomes read-only and its final snapshot is kept.',
    tag: 'rooms',
    auth: 'room',
    roles: ['interviewer'],
    answers: { 200: { description: 'The room, `status: "ended"`', schema: roomInfo } },
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.end(principal)));
  },
);

/** Where each role's token hash lives (fixed names: never built from the request). */
const TOKEN_COLUMN: Record<Role, string> = {
  interviewer: 'interviewer_token_hash',
  candidate: 'candidate_token_hash',
  observer: 'observer_token_hash',
};

/**
 * Replaces a role's link (interviewer only): a new token, whose hash replaces the old
 * one in D1, so the old link stops opening the room at once; sockets that joined with
 * it are closed with a reason. The new token is answered once and never stored readable.
 */
rooms.post(
  '/:roomId/links/:role',
  describeRoute({
    summary: 'Replace a role’s link',
    description: 'The old link stops working at once; sockets that joined with it are closed with a reason.',
    tag: 'rooms',
    auth: 'room',
    roles: ['interviewer'],
    answers: { 200: { description: 'The new link and its token (shown once)', schema: linkReplaced } },
    refusals: ['bad_request'],
  }),
  async (c) => {
    const role = z.enum(ROLES).safeParse(c.req.param('role'));
    if (!role.success) throw fail('bad_request', `role: must be one of ${ROLES.join(', ')}`);
    const origin = publicUrl(c.env);
    const { stub, principal, roomId } = await roomFor(c);
    if (!can(principal.role, 'share')) throw fail('forbidden', cannot(principal.role, 'share'));
    const token = newToken();
    await c.env.DB.batch([
      c.env.DB.prepare(`UPDATE rooms SET ${TOKEN_COLUMN[role.data]} = ? WHERE id = ?`).bind(
        await sha256Hex(token),
        roomId,
      ),
      // Tickets bought with the old link go with it: unspent, each would still open a socket
      // (the room's, or the panel's with its notes) for TICKET_TTL_MS after the replacement.
      c.env.DB.prepare('DELETE FROM ws_tickets WHERE room_id = ? AND role = ?').bind(roomId, role.data),
    ]);
    unwrap(await stub.linkReplaced(principal, role.data));
    await panelStub(c.env, roomId).linkReplaced(role.data);
    return c.json({ role: role.data, link: `${origin}/r/${roomId}#token=${token}`, token });
  },
);

rooms.post(
  '/:roomId/runs',
  describeRoute({
    summary: 'Run the room’s code',
    description:
      'One run at a time per room. Everyone in the room sees it start, its output and its verdict on the socket; GET /api/runs/{runId} reads it.',
    tag: 'runs',
    auth: 'room',
    roles: ['interviewer', 'candidate'],
    body: { schema: runRequest, example: { path: 'main.py', stdin: '3 4\n', limits: { timeMs: 2000 } } },
    answers: { 202: { description: 'The run is queued', schema: runStarted } },
    refusals: ['no_such_file', 'run_in_progress', 'rate_limited', 'room_ended'],
  }),
  async (c) => {
    const body = await readJson(c, runRequest);
    const { stub, principal } = await roomFor(c);
    const { runId } = unwrap(await stub.startRun(principal, body));
    return c.json({ runId }, 202);
  },
);

/** A single-use WebSocket ticket (auth/tickets.ts), bought with a Bearer token only. */
rooms.post(
  '/:roomId/tickets',
  describeRoute({
    summary: 'Buy a WebSocket ticket',
    description: 'A single-use ticket for `GET /api/rooms/{roomId}/ws?ticket=…`, good for 30 s.',
    tag: 'rooms',
    auth: 'room',
    answers: { 201: { description: 'The ticket', schema: ticket } },
  }),
  async (c) => {
    const { principal, roomId } = await roomFor(c);
    return c.json(await issueTicket(c.env, roomId, principal), 201);
  },
);

/** The room's socket; who may open it: stub.ts `socketCaller`. */
rooms.get(
  '/:roomId/ws',
  describeRoute({
    summary: 'Join the room’s WebSocket',
    description:
      'Upgrade: websocket. Binary frames speak the y-websocket protocol (any stock Yjs provider joins); with `events=1` the room’s JSON messages come as text frames (SPEC.md § Contracts).',
    tag: 'rooms',
    auth: 'socket',
    query: z.object({
      name: z.string().optional().describe('Your name as others see it'),
      events: z.literal('1').optional().describe('Also send the room’s JSON messages'),
      person: z.string().optional().describe('One random id per browser: its tabs are listed once'),
    }),
    answers: { 101: { description: 'Switching protocols: the socket is open' } },
    refusals: ['upgrade_required', 'room_full'],
  }),
  async (c) => {
    const { roomId, principal } = await socketCaller(c);
    const headers = new Headers(c.req.raw.headers);
    headers.set(PRINCIPAL_HEADER, JSON.stringify(principal));
    return roomStub(c.env, roomId).fetch(new Request(c.req.raw, { headers }));
  },
);

/** The sliding-window limit said no: 429 with when the oldest room leaves the window. */
async function refuseCreateRate(db: D1Database, creatorKey: string, now: number): Promise<never> {
  const since = now - ROOM_RATE_WINDOW_SECONDS * 1000;
  const row = await db
    .prepare('SELECT MIN(created_at) AS oldest FROM rooms WHERE creator_key = ? AND created_at > ?')
    .bind(creatorKey, since)
    .first<{ oldest: number | null }>();
  const retryAfter = Math.max(1, Math.ceil(((row?.oldest ?? now) + ROOM_RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  throw fail(
    'rate_limited',
    `You can create ${ROOMS_PER_CLIENT_PER_MINUTE} rooms a minute. Try again in ${retryAfter} s.`,
    retryAfter,
  );
}
