/**
 * One error path for HTTP: routes throw `apiError(status, code, message)`; the app's
 * onError turns it into `{error: {code, message}}`. Messages say what to do next.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function apiError(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers?: Record<string, string>,
): HTTPException {
  const res = Response.json({ error: { code, message } }, { status, headers });
  return new HTTPException(status, { res, message });
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return error.getResponse();
  console.error('unhandled error', { path: new URL(c.req.url).pathname, error: error.stack ?? String(error) });
  return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Try again.' } }, 500);
}

export function notFound(c: Context): Response {
  return c.json(
    { error: { code: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` } },
    404,
  );
}
