/**
 * The document and its page as served (SPEC § OpenAPI), and the document against the
 * real routes: every example is accepted by its route, every answer a caller without
 * credentials gets is one the document lists, and what comes back matches its schema.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../src/app';
import { descriptionOf, type RouteDoc } from '../../../src/openapi/describe';
import { openApiPath } from '../../../src/openapi/document';
import type { Response as Answer, OpenApiDocument } from '../../../src/openapi/types';
import { SECURITY_HEADERS } from '../../../src/securityHeaders';
import { account } from '../accounts/support';
import { api, BASE, createRoom } from '../support';

async function served(): Promise<OpenApiDocument> {
  return (await (await api('/api/openapi.json')).json()) as OpenApiDocument;
}

/** Each described route once (a path with two handlers, like /files, has one description). */
function describedRoutes(): { method: string; path: string; doc: RouteDoc }[] {
  return app.routes.flatMap((route) => {
    const doc = descriptionOf(route);
    return doc ? [{ method: route.method, path: route.path, doc }] : [];
  });
}

/** A documented answer's status and refusal codes for `method path`. */
function documented(doc: OpenApiDocument, method: string, path: string, status: number) {
  const op = doc.paths[openApiPath(path).path]?.[method.toLowerCase() as 'get'];
  const answer = op?.responses[String(status)] as Answer | undefined;
  const schema = answer?.content?.['application/json']?.schema as
    | { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }
    | undefined;
  return { answer, codes: schema?.properties?.error?.properties?.code?.enum ?? [] };
}

/** The JSON of a 2xx answer matches the route's own answer schema, when it has one. */
async function expectAnswerMatches(res: Response, doc: RouteDoc, what: string): Promise<void> {
  const schema = doc.answers[res.status]?.schema;
  if (!schema || !(res.headers.get('content-type') ?? '').includes('application/json')) return;
  const parsed = schema.safeParse(await res.json());
  expect(parsed.success, `${what} answered ${res.status} off its documented schema: ${parsed.error?.message}`).toBe(
    true,
  );
}

describe('GET /api/openapi.json and /api/docs', () => {
  it('[API4] are served without credentials, cacheable, revalidated with 304, and hold no secret or internal route', async () => {
    const res = await api('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const text = await res.text();
    expect(text).not.toContain(env.EXECUTOR_SECRET);
    expect(text).not.toContain('/internal');
    expect(text).not.toContain('x-codesync-signature');

    const again = await api('/api/openapi.json', { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await api('/api/openapi.json', { headers: { 'if-none-match': '"0123"' } });
    expect(stale.status).toBe(200);
  });

  it('[API5] the docs page answers 200 with the security headers intact, no script and nothing from another origin', async () => {
    const res = await api('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    const links = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
    // Same-origin paths only, and the empty icon (so the browser asks for no favicon).
    expect(links.filter((link) => link !== 'data:,' && (!link.startsWith('/') || link.startsWith('//')))).toEqual([]);
    const doc = await served();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(path);
    expect(html).toContain('unauthorized'); // the refusal table
  });
});

describe('the document against the routes', () => {
  it('[API3] every example body is accepted by its real route, and what it answers matches the documented schema', async () => {
    const { cookie } = await account();
    let sent = 0;
    for (const { method, path, doc } of describedRoutes()) {
      if (!doc.body) continue;
      const headers = new Headers({ 'content-type': 'application/json', origin: BASE });
      let url = path;
      if (path.includes(':roomId')) {
        const room = await createRoom();
        url = path.replace(':roomId', room.roomId);
        headers.set('authorization', `Bearer ${room.tokens[doc.roles?.[0] ?? 'interviewer']}`);
      }
      if (doc.auth === 'session') headers.set('cookie', cookie);
      const res = await api(url, { method, headers, body: JSON.stringify(doc.body.example) });
      const what = `${method} ${path} with its example`;
      if (res.status >= 400) {
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        const refusedForIt = [
          'bad_request',
          'bad_json',
          'body_too_large',
          'unauthorized',
          'not_signed_in',
          'forbidden',
          'cross_site',
        ];
        // A refusal the route lists as its own is about what the example names (an invite that no longer
        // exists), not its shape; every other refusal of the shape or the caller fails the example.
        const ownRefusal = doc.refusals?.includes(error.code as never) ?? false;
        if (!ownRefusal) {
          expect(refusedForIt, `${what}: ${res.status} ${error.code}: ${error.message}`).not.toContain(error.code);
        }
      } else {
        await expectAnswerMatches(res, doc, what);
      }
      sent += 1;
    }
    expect(sent).toBeGreaterThanOrEqual(10);
  });

  it('[API6] what each route answers a caller without credentials is an answer its operation lists', async () => {
    const doc = await served();
    const placeholders: Record<string, string> = {
      roomId: 'A'.repeat(22),
      runId: 'no-such-run',
      role: 'candidate',
      slug: 'no-such-question',
    };
    for (const { method, path, doc: described } of describedRoutes()) {
      const url = path.replace(/:([A-Za-z]+)/g, (_all, name: string) => placeholders[name] ?? name);
      const body = method === 'GET' ? undefined : '{}';
      const res = await api(url, { method, body, headers: { 'content-type': 'application/json' } });
      const what = `${method} ${path} without credentials`;
      const { answer, codes } = documented(doc, method, path, res.status);
      expect(answer, `${what} answered ${res.status}, which its operation does not list`).toBeDefined();
      if (res.status >= 400) {
        const { error } = (await res.json()) as { error: { code: string } };
        expect(codes, `${what} answered ${res.status} ${error.code}`).toContain(error.code);
      } else {
        await expectAnswerMatches(res, described, what);
      }
    }
  });
});
