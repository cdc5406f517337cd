/**
 * One vocabulary for every "no" the service says: HTTP routes, the room's RPC answers
 * and its socket messages all name a refusal by one of these codes. Each code has its
 * HTTP status and a default message in words for the person refused; a caller may
 * give a more exact message (with the number that was exceeded, the file that is
 * missing …) but never a new code.
 *
 * @example
 * throw httpRefusal(refuse('run_in_progress'));
 * sendJson(ws, { type: 'error', ...refuse('read_only') });
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

interface RefusalKind {
  status: ContentfulStatusCode;
  message: string;
}

export const REFUSALS = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  bad_json: { status: 400, message: 'The request body is not valid JSON.' },
  bad_message: { status: 400, message: 'That room message is not valid.' },
  no_such_file: { status: 400, message: 'There is no such file to run.' },
  bad_document: { status: 400, message: 'That change would break the room’s files: it was not applied.' },
  unauthorized: { status: 401, message: 'This link is not valid for this room. Ask the interviewer for a new one.' },
  not_signed_in: { status: 401, message: 'Sign in first: your session has ended or was never started.' },
  bad_credentials: {
    status: 401,
    message: 'That email and password do not match an account. Check both and try again.',
  },
  cross_site: { status: 403, message: 'This request came from another site and was refused. Use CodeSync itself.' },
  forbidden: { status: 403, message: 'You cannot do that in this room.' },
  read_only: { status: 403, message: 'You cannot edit in this room: your change was not applied.' },
  not_found: { status: 404, message: 'No room with this id. Check the link.' },
  no_such_run: { status: 404, message: 'No run with this id in this room.' },
  no_route: { status: 404, message: 'There is nothing at this address.' },
  gone: { status: 410, message: 'This interview was deleted.' },
  room_exists: { status: 409, message: 'This room already exists.' },
  team_conflict: { status: 409, message: 'That does not fit your team as it is now.' },
  room_ended: { status: 409, message: 'The interview has ended; nothing can change now.' },
  tests_too_large: { status: 413, message: 'This question’s test cases are too large to run together.' },
  no_tests: { status: 409, message: 'This room’s question has no test cases to run. Use Run instead.' },
  run_in_progress: { status: 409, message: 'A run is already in progress; wait for it to finish.' },
  terminals_full: {
    status: 429,
    message: 'Every terminal the code runner allows is open in other interviews; use Run, or try again later.',
  },
  terminal_open: { status: 409, message: 'This room already has a terminal open; use it, or close it first.' },
  no_terminal: { status: 409, message: 'That terminal is not open (it closed, or has not connected yet).' },
  run_not_live: {
    status: 409,
    message: 'That run is not taking input: only an interactive run takes it, while it runs.',
  },
  body_too_large: { status: 413, message: 'The request body is too large.' },
  doc_too_large: { status: 413, message: 'The room’s files would grow past their size limit: delete something first.' },
  edits_too_fast: {
    status: 429,
    message: 'You changed more of the files in a short time than the room takes; wait a few seconds, then try again.',
  },
  history_full: {
    status: 413,
    message: 'This room has kept as much history as a room may; it takes no more edits. Fork it to carry on.',
  },
  upgrade_required: { status: 426, message: 'This endpoint speaks WebSocket: send Upgrade: websocket.' },
  rate_limited: { status: 429, message: 'Too many requests; try again shortly.' },
  room_full: { status: 429, message: 'This room is full; close a tab or try again later.' },
  // OpenID Connect sign-in (accounts/oidc/): each failure's own words come from oidc/failures.ts.
  oidc_off: { status: 404, message: 'Signing in with an identity provider is not set up on this server.' },
  oidc_refused: { status: 400, message: 'The sign-in did not complete. Start again from the sign-in page.' },
  oidc_email_taken: {
    status: 409,
    message:
      'An account with this email already signs in with a password. Sign in with your password first, then link the provider from your account page.',
  },
  oidc_identity_taken: { status: 409, message: 'This identity already signs in to another CodeSync account.' },
  no_such_identity: { status: 404, message: 'No such sign-in method is linked to your account. Reload the list.' },
  last_sign_in_method: {
    status: 409,
    message: 'This is the only way into your account: set a password or link another provider before unlinking it.',
  },
  oidc_unreachable: { status: 502, message: 'The identity provider could not be reached. Try again shortly.' },
  misconfigured: { status: 500, message: 'The server is not configured correctly; tell whoever runs it.' },
  internal: { status: 500, message: 'Something went wrong on our side. Try again.' },
} as const satisfies Record<string, RefusalKind>;

export type RefusalCode = keyof typeof REFUSALS;
export const REFUSAL_CODES = Object.keys(REFUSALS) as [RefusalCode, ...RefusalCode[]];

/** A refusal as it travels: in an RPC answer, a socket `error` message or an HTTP body. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  /** Seconds after which trying again may work (rate limits, a full room). */
  retryAfterS?: number;
}

/** A refusal with the table's message unless a more exact one is given. */
export function refuse(code: RefusalCode, message?: string, retryAfterS?: number): Refusal {
  return { code, message: message ?? REFUSALS[code].message, ...(retryAfterS ? { retryAfterS } : {}) };
}

export function statusOf(refusal: Refusal): ContentfulStatusCode {
  return REFUSALS[refusal.code].status;
}

/** The HTTP answer for a refusal: `{error: {code, message}}` with the table's status. */
export function refusalResponse(refusal: Refusal): Response {
  const headers: Record<string, string> = refusal.retryAfterS ? { 'retry-after': String(refusal.retryAfterS) } : {};
  return Response.json(
    { error: { code: refusal.code, message: refusal.message } },
    { status: statusOf(refusal), headers },
  );
}

/** What an RPC into the room answers: a value, or a refusal the route turns into HTTP. */
export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = <T = never>(code: RefusalCode, message?: string, retryAfterS?: number): Result<T> => ({
  ok: false,
  refusal: refuse(code, message, retryAfterS),
});
