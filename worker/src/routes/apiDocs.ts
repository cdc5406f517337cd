/**
 * /api/openapi.json and /api/docs: the API's description (openapi/), public and the
 * same for everyone, so shared caches may keep it; an ETag answers a revalidation
 * with 304. Built once per isolate from the app's route table (the routes do not
 * change while it runs); the session cookie's name depends on PUBLIC_URL, so that is the key.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { sessionCookieName } from '../accounts/sessions';
import { sha256Hex } from '../auth/tokens';
import type { Env } from '../env';
import { describeRoute } from '../openapi/describe';
import { docsPage } from '../openapi/docsPage';
import { openApiDocument } from '../openapi/document';

/** How long a browser or a shared cache may keep the document before asking again. */
export const API_DOCS_MAX_AGE_S = 300;

interface Built {
  json: string;
  html: string;
  etag: string;
}

export function apiDocs(app: Hono<{ Bindings: Env }>): Hono<{ Bindings: Env }> {
  const built = new Map<string, Promise<Built>>();
  const build = async (cookieName: string): Promise<Built> => {
    const doc = openApiDocument(app.routes, cookieName);
    const json = JSON.stringify(doc);
    return { json, html: docsPage(doc), etag: `"${(await sha256Hex(json)).slice(0, 32)}"` };
  };

  const answer = async (c: Context<{ Bindings: Env }>, pick: (b: Built) => string, type: string) => {
    const name = sessionCookieName(c.env);
    let found = built.get(name);
    if (!found) {
      found = build(name);
      built.set(name, found);
    }
    const b = await found;
    const headers = { 'cache-control': `public, max-age=${API_DOCS_MAX_AGE_S}`, etag: b.etag };
    if (c.req.header('if-none-match') === b.etag) return c.body(null, 304, headers);
    return c.body(pick(b), 200, { ...headers, 'content-type': type });
  };

  const docs = new Hono<{ Bindings: Env }>();
  docs.get(
    '/openapi.json',
    describeRoute({
      summary: 'This document',
      description: 'The OpenAPI 3.1 description of this API. Cacheable; revalidate with `If-None-Match`.',
      tag: 'meta',
      auth: 'none',
      answers: {
        200: { description: 'The document', schema: z.looseObject({ openapi: z.string() }) },
        304: { description: 'Not modified since the ETag given in `If-None-Match`' },
      },
    }),
    (c) => answer(c, (b) => b.json, 'application/json; charset=utf-8'),
  );
  docs.get(
    '/docs',
    describeRoute({
      summary: 'The docs page',
      description: 'This document as one HTML page: every route, who may call it, its body and its answers.',
      tag: 'meta',
      auth: 'none',
      answers: {
        200: { description: 'The page', schema: z.string(), contentType: 'text/html' },
        304: { description: 'Not modified since the ETag given in `If-None-Match`' },
      },
    }),
    (c) => answer(c, (b) => b.html, 'text/html; charset=utf-8'),
  );
  return docs;
}
