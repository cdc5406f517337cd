/**
 * A route's entry in the OpenAPI document (`GET /api/openapi.json`), written beside the
 * route as one more handler: `describeRoute({...})` passes every request straight on and
 * carries the description, so the document is built from the app's own route table
 * (`app.routes`: the real method and the mounted path) and the same zod schemas the
 * route validates with. A route under /api without one fails openapi.test.ts by name.
 *
 * @example
 * rooms.post('/:roomId/runs', describeRoute({
 *   summary: 'Start a run', tag: 'runs', auth: 'room', roles: ['interviewer', 'candidate'],
 *   body: { schema: runRequest, example: { path: 'main.py', stdin: '3 4\n' } },
 *   answers: { 202: { description: 'The run is queued', schema: runStarted } },
 *   refusals: ['run_in_progress', 'rate_limited'],
 * }), async (c) => { const body = await readJson(c, runRequest); … });
 */
import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import type { z } from 'zod';
import type { Role } from '../auth/roles';
import type { RefusalCode } from '../refusals';

/**
 * How a caller proves who they are (security.ts describes each in words):
 *  - `none`: anyone.
 *  - `link`: a room's link token as `Authorization: Bearer`.
 *  - `room`: a link token, or the session cookie of an account that owns the room or
 *    is in its team (routes/stub.ts `roomFor`); a state change by cookie is CSRF-checked.
 *  - `session`: the session cookie only (401 `not_signed_in` without it).
 *  - `optionalSession`: anyone; a session cookie, when sent, changes the answer.
 *  - `socket`: a WebSocket upgrade with `?ticket=` (or `?token=`, or a Bearer token).
 */
export type Auth = 'none' | 'link' | 'room' | 'session' | 'optionalSession' | 'socket';

/** The groups the docs page lists routes under, in this order. */
export const TAGS = {
  rooms: 'Create a room, read it, share and replace its links, end it.',
  runs: 'Run the room’s code and its test cases; read runs and their diagnostics.',
  settings: 'The interviewer’s and editors’ controls: the question, clock, language, run limits, libraries.',
  review: 'For the interviewer and observers: history, playback, the panel and the report.',
  questions: 'The built-in question bank (public).',
  accounts: 'Email and password accounts, sign-in with an identity provider, sessions.',
  dashboard: 'A signed-in account’s interviews and team.',
  meta: 'This document and its docs page.',
} as const;
export type Tag = keyof typeof TAGS;

/** One answer that is not a refusal (refusals come from the table, refusals.ts). */
export interface Answer {
  description: string;
  /** The answer's body; none for an empty one (204, a redirect). */
  schema?: z.ZodType;
  /** `application/json` unless said otherwise. */
  contentType?: string;
  /** Response headers that matter to a caller (`Location`, `Set-Cookie`), in words. */
  headers?: Record<string, string>;
}

export interface RouteDoc {
  summary: string;
  description?: string;
  tag: Tag;
  auth: Auth;
  /** The roles that may (room routes); every other role is refused 403 `forbidden`. */
  roles?: readonly Role[];
  /** Path parameters other than the common ones (openapi/params.ts). */
  params?: Record<string, z.ZodType>;
  /** The zod object the route validates its query with. */
  query?: z.ZodObject;
  /** The zod schema the route validates its JSON body with, and a body it accepts. */
  body?: { schema: z.ZodType; example: unknown };
  /** Success and other non-refusal answers, by status. */
  answers: Record<number, Answer>;
  /** Refusal codes this route answers besides those its auth, query and body imply. */
  refusals?: readonly RefusalCode[];
}

const described = new WeakMap<object, RouteDoc>();

/** The handler that carries `doc` into the route table; it only calls `next()`. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const handler: MiddlewareHandler = (_c, next) => next();
  described.set(handler, doc);
  return handler;
}

/** The description a registered handler carries (through `app.route`'s wrapping too), or null. */
export function descriptionOf(route: RouterRoute): RouteDoc | null {
  const handler = route.handler as RouterRoute['handler'] & { [COMPOSED_HANDLER]?: object };
  return described.get(handler) ?? described.get(handler[COMPOSED_HANDLER] ?? handler) ?? null;
}

/** The public API: every method + path under /api (`use()` middleware is `ALL`, not a route). */
export function apiRoutes(routes: readonly RouterRoute[]): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const { method, path } of routes) {
    if (method === 'ALL' || !path.startsWith('/api/')) continue;
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

/** `METHOD /path` of each public route that no handler describes: what openapi.test.ts names. */
export function undescribedRoutes(routes: readonly RouterRoute[]): string[] {
  const described = new Set(routes.filter((r) => descriptionOf(r)).map((r) => `${r.method} ${r.path}`));
  return apiRoutes(routes)
    .map(({ method, path }) => `${method} ${path}`)
    .filter((route) => !described.has(route));
}
