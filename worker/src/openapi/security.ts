/**
 * How the document says who may call a route: the security schemes (auth/tokens.ts,
 * accounts/sessions.ts, accounts/csrf.ts, auth/tickets.ts in words), the requirement
 * each `Auth` stands for, and the refusals that follow from it, so a route lists only
 * the refusals of its own.
 */
import { ROLES } from '../auth/roles';
import type { RefusalCode } from '../refusals';
import type { Auth, RouteDoc } from './describe';
import type { SecurityRequirement, SecurityScheme } from './types';

const CSRF =
  'A state change (POST, PUT) that the cookie authenticates must come from CodeSync’s own pages: ' +
  '`Origin` equal to the server’s PUBLIC_URL or, where the browser sends none, `Sec-Fetch-Site: same-origin`; ' +
  'otherwise it is refused 403 `cross_site`. Requests with a Bearer token are not checked: no other site can set that header.';

export function securitySchemes(cookieName: string): Record<string, SecurityScheme> {
  return {
    linkToken: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A room link’s token (43 base64url characters: the `#token=` of the link, or `tokens` from POST /api/rooms). ' +
        'Its role (interviewer, candidate, observer) decides what it may do. Never put it in a query string.',
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName,
      description: `The session of a signed-in account (POST /api/auth/signin sets it; HttpOnly, SameSite=Lax). ${CSRF}`,
    },
    ticket: {
      type: 'apiKey',
      in: 'query',
      name: 'ticket',
      description: 'A single-use WebSocket ticket from POST /api/rooms/{roomId}/tickets, good for 30 s.',
    },
    queryToken: {
      type: 'apiKey',
      in: 'query',
      name: 'token',
      description: 'A link token in the WebSocket URL, for stock Yjs providers and scripts (WebSocket routes only).',
    },
  };
}

const REQUIREMENTS: Record<Auth, SecurityRequirement[]> = {
  none: [],
  link: [{ linkToken: [] }],
  room: [{ linkToken: [] }, { session: [] }],
  session: [{ session: [] }],
  optionalSession: [{}, { session: [] }],
  socket: [{ ticket: [] }, { queryToken: [] }, { linkToken: [] }],
};

export const securityOf = (auth: Auth) => REQUIREMENTS[auth];

const BY_AUTH: Record<Auth, readonly RefusalCode[]> = {
  none: [],
  link: ['unauthorized'],
  room: ['unauthorized', 'not_found', 'gone'],
  session: ['not_signed_in'],
  optionalSession: [],
  socket: ['unauthorized', 'not_found', 'gone'],
};

/** Every refusal code a route may answer: its own and those its auth, query and body imply. */
export function refusalsOf(method: string, doc: RouteDoc): RefusalCode[] {
  const codes = new Set<RefusalCode>(BY_AUTH[doc.auth]);
  const cookie = doc.auth === 'room' || doc.auth === 'session' || doc.auth === 'optionalSession';
  if (cookie && method !== 'GET') codes.add('cross_site');
  if (doc.roles && doc.roles.length < ROLES.length) codes.add('forbidden');
  if (doc.query) codes.add('bad_request');
  if (doc.body) for (const code of ['bad_request', 'bad_json', 'body_too_large'] as const) codes.add(code);
  for (const code of doc.refusals ?? []) codes.add(code);
  return [...codes];
}
