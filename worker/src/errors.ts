/**
 * One error path for HTTP: routes throw `fail(code, message?)` with a code from the
 * refusal table (refusals.ts); the app's onError turns it into `{error: {code,
 * message}}` with the table's status. Messages say what to do next.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConfigError } from './config';
import { type Refusal, type RefusalCode, type Result, refusalResponse, refuse, statusOf } from './refusals';

export function httpError(refusal: Refusal): HTTPException {
  return new HTTPException(statusOf(refusal), { res: refusalResponse(refusal), message: refusal.message });
}

export function fail(code: RefusalCode, message?: string, retryAfterS?: number): HTTPException {
  return httpError(refuse(code, message, retryAfterS));
}

/** The value of an RPC answer, or the HTTP error its refusal stands for. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw httpError(result.refusal);
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return error.getResponse();
  if (error instanceof ConfigError) {
    console.error('misconfigured', { error: error.message });
    return refusalResponse(refuse('misconfigured', error.message));
  }
  console.error('unhandled error', { path: new URL(c.req.url).pathname, error: error.stack ?? String(error) });
  return refusalResponse(refuse('internal'));
}

export function notFound(c: Context): Response {
  return refusalResponse(refuse('no_route', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`));
}
