/**
 * Playback's API (issue 12, SPEC § 28), for the interviewer and observers, during the
 * interview and after it ends:
 *   GET /api/rooms/:roomId/history                      the manifest (playback/schema.ts)
 *   GET /api/rooms/:roomId/history/updates?from=&to=    a binary page of updates (playback/page.ts)
 *   GET /api/rooms/:roomId/files?at=<unix ms>           the files as they were then
 * The caller's role is checked (`review`) before the query is read or anything is
 * gathered, so a candidate's token gets 403 and never a byte; the room checks it again.
 * An unknown room is 404 and a deleted one 410, from D1, as on every room route.
 * `files` without `at` is the room's files now, for every role (routes/rooms.ts).
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { can, cannot } from '../auth/roles';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { describeRoute } from '../openapi/describe';
import { mergeEvents, signalEvents } from '../playback/events';
import {
  PLAYBACK_MAX_EVENTS,
  PLAYBACK_PAGE_UPDATES,
  type PlaybackManifest,
  playbackManifest,
} from '../playback/schema';
import { describeIssues } from '../validate';
import { panelStub } from './panel';
import { roomFor } from './stub';

export const history = new Hono<{ Bindings: Env }>();

/** A non-negative whole number in a query string: digits only (no sign, exponent, or blank), a safe integer. */
const whole = (what: string) =>
  z
    .string({ error: `must be given: ${what}` })
    .regex(/^\d{1,16}$/, `must be ${what}, in digits`)
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`));

const pageQuery = z
  .object({ from: whole('the first seq of the page'), to: whole('the last seq of the page') })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'must be at most `to`' })
  .refine((q) => q.to - q.from < PLAYBACK_PAGE_UPDATES, {
    path: ['to'],
    message: `must be less than from + ${PLAYBACK_PAGE_UPDATES}: a page holds at most ${PLAYBACK_PAGE_UPDATES} updates (the manifest lists the pages)`,
  });
const filesQuery = z.object({ at: whole('a time in unix milliseconds') });

/** The room and a caller who may review it, or the refusal (401, 403, 404, 410). */
async function reviewer(c: Context<{ Bindings: Env }>) {
  const room = await roomFor(c);
  if (!can(room.principal.role, 'review')) throw fail('forbidden', cannot(room.principal.role, 'review'));
  // Another person's interview, never to be kept by a shared cache or the browser's.
  c.header('cache-control', 'no-store');
  return room;
}

/** The query, each field given once (`?at=1&at=2` is refused, not read as either). */
function query<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) throw fail('bad_request', `${name}: give it once, not ${values.length} times`);
  }
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw fail('bad_request', describeIssues(parsed.error));
  return parsed.data;
}

history.get(
  '/:roomId/history',
  describeRoute({
    summary: 'Playback’s manifest',
    description:
      'The room, its people, its update pages and its events, for replaying the interview (SPEC.md § Playback).',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer', 'observer'],
    answers: { 200: { description: 'The manifest', schema: playbackManifest } },
  }),
  async (c) => {
    const { stub, principal, roomId } = await reviewer(c);
    const { manifest, joins } = unwrap(await stub.playbackManifest(principal));
    const { signals } = await panelStub(c.env, roomId).record();
    const { events, omitted } = mergeEvents(
      [{ events: manifest.events, omitted: manifest.eventsOmitted }, signalEvents(signals, joins)],
      PLAYBACK_MAX_EVENTS,
    );
    return c.json({ ...manifest, events, eventsOmitted: omitted } satisfies PlaybackManifest);
  },
);

history.get(
  '/:roomId/history/updates',
  describeRoute({
    summary: 'A page of the room’s updates',
    description: 'Binary: the Yjs updates with `from ≤ seq ≤ to`, as the manifest lists its pages.',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer', 'observer'],
    query: pageQuery,
    answers: {
      200: {
        description: 'The page (playback/page.ts)',
        schema: z.string().describe('binary'),
        contentType: 'application/octet-stream',
      },
    },
  }),
  async (c) => {
    const { stub, principal } = await reviewer(c);
    const { from, to } = query(c, pageQuery);
    const bytes = unwrap(await stub.playbackPage(principal, from, to));
    // An RPC answer's bytes are a plain ArrayBuffer's (never shared memory).
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  },
);

history.get('/:roomId/files', async (c, next) => {
  if (c.req.query('at') === undefined) return next();
  const { stub, principal } = await reviewer(c);
  const { at } = query(c, filesQuery);
  return c.json(unwrap(await stub.filesAt(principal, at)));
});
