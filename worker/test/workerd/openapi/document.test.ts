/**
 * The OpenAPI document (SPEC § OpenAPI): valid OpenAPI 3.1, every public route the app
 * registers in it, nothing else in it, and each example accepted by its route's own schema.
 */
import { validate } from '@readme/openapi-parser';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { app } from '../../../src/app';
import { apiRoutes, describeRoute, descriptionOf, undescribedRoutes } from '../../../src/openapi/describe';
import { openApiPath } from '../../../src/openapi/document';
import type { OpenApiDocument } from '../../../src/openapi/types';
import { api } from '../support';

async function served(): Promise<OpenApiDocument> {
  const res = await api('/api/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as OpenApiDocument;
}

describe('the OpenAPI document', () => {
  it('[API1] is valid OpenAPI 3.1 by a validator of its own', async () => {
    const doc = await served();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors.map((e) => e.message)).toEqual([]);
  });

  it('[API1] a document with a broken operation is refused by the same validator', async () => {
    const doc = structuredClone(await served()) as unknown as { paths: Record<string, Record<string, object>> };
    const first = Object.values(doc.paths)[0] as Record<string, object>;
    for (const method of Object.keys(first)) first[method] = { responses: { 200: {} } }; // a response without its description
    expect((await validate(doc as never)).valid).toBe(false);
  });

  it('[API2] describes every route the app registers under /api, and no other', async () => {
    const missing = undescribedRoutes(app.routes);
    expect(missing, `routes without describeRoute({...}) beside them: ${missing.join(', ')}`).toEqual([]);
    const doc = await served();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const registered = apiRoutes(app.routes).map(({ method, path }) => `${method} ${openApiPath(path).path}`);
    expect(documented.sort()).toEqual(registered.sort());
    expect(documented.some((route) => route.includes('/internal'))).toBe(false);
  });

  it('[API2] names a route that was added without a description', () => {
    const late = new Hono();
    late.get(
      '/described',
      describeRoute({ summary: 'x', tag: 'meta', auth: 'none', answers: { 200: { description: 'x' } } }),
      (c) => c.text('x'),
    );
    late.post('/forgotten/:id', (c) => c.text('x'));
    const probe = new Hono().route('/api/late', late);
    expect(undescribedRoutes(probe.routes)).toEqual(['POST /api/late/forgotten/:id']);
  });

  it('[API3] each example is accepted by the schema its route validates with, and is the one documented', async () => {
    const doc = await served();
    let bodies = 0;
    for (const route of app.routes) {
      const described = descriptionOf(route);
      if (!described?.body) continue;
      bodies += 1;
      const parsed = described.body.schema.safeParse(described.body.example);
      expect(parsed.success, `${route.method} ${route.path}: ${parsed.error?.message}`).toBe(true);
      const op = doc.paths[openApiPath(route.path).path]?.[route.method.toLowerCase() as 'post'];
      expect(op?.requestBody?.content['application/json']?.example).toEqual(described.body.example);
    }
    expect(bodies).toBeGreaterThanOrEqual(10);
  });
});
