/**
 * The OpenAPI 3.1 document of the worker's public API, built from the app's route table
 * and each route's `describeRoute()` (describe.ts): paths and methods as Hono registered
 * them, schemas converted from the very zod schemas the routes validate with
 * (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 speaks), refusals from
 * the one table (refusals.ts). The executor's callback (`/internal/…`) is not in it:
 * it is signed with a secret only the executor holds, no one else's to call.
 */
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { REFUSALS, type RefusalCode } from '../refusals';
import { descriptionOf, type RouteDoc, TAGS } from './describe';
import { PATH_PARAMS } from './params';
import { refusalsOf, securityOf, securitySchemes } from './security';
import type { Method, OpenApiDocument, Operation, Parameter, Schema } from './types';

/** A zod schema as JSON Schema: `input` for what a caller sends, `output` for what comes back. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest as Schema;
}

/** `/api/rooms/:roomId/runs/:runId` → `/api/rooms/{roomId}/runs/{runId}`, and the parameter names. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_all, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

/** The refusal body, `{error: {code, message}}`, for the given codes. */
function refusalSchema(codes: readonly RefusalCode[]): Schema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: [...codes] },
          message: { type: 'string', description: 'In words, for the person refused: what to do next.' },
        },
      },
    },
  };
}

function parameters(path: string[], doc: RouteDoc): Parameter[] {
  const out: Parameter[] = path.map((name) => {
    const schema = doc.params?.[name] ?? PATH_PARAMS[name] ?? z.string();
    return { name, in: 'path', required: true, schema: jsonSchema(schema, 'input') };
  });
  if (doc.query) {
    const query = jsonSchema(doc.query, 'input');
    const required = new Set(query.required ?? []);
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      out.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return out;
}

function responses(method: string, doc: RouteDoc): Operation['responses'] {
  const out: Operation['responses'] = {};
  for (const [status, answer] of Object.entries(doc.answers)) {
    out[status] = {
      description: answer.description,
      ...(answer.schema && {
        content: { [answer.contentType ?? 'application/json']: { schema: jsonSchema(answer.schema, 'output') } },
      }),
      ...(answer.headers && {
        headers: Object.fromEntries(
          Object.entries(answer.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        ),
      }),
    };
  }
  const byStatus = new Map<number, RefusalCode[]>();
  for (const code of refusalsOf(method, doc)) {
    const status = REFUSALS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[status] = {
      description: codes.map((code) => `\`${code}\`: ${REFUSALS[code].message}`).join(' '),
      content: { 'application/json': { schema: refusalSchema(codes) } },
      ...((status === 429 || codes.includes('rate_limited')) && {
        headers: {
          'Retry-After': { description: 'Seconds until trying again may work.', schema: { type: 'integer' } },
        },
      }),
    };
  }
  out.default = { $ref: '#/components/responses/Refusal' };
  return out;
}

function operation(method: string, pathParams: string[], doc: RouteDoc): Operation {
  const roles = doc.roles ? `Who: ${doc.roles.join(', ')}. ` : '';
  return {
    summary: doc.summary,
    description: `${roles}${doc.description ?? ''}`.trim() || undefined,
    tags: [doc.tag],
    security: securityOf(doc.auth),
    parameters: parameters(pathParams, doc),
    ...(doc.body && {
      requestBody: {
        // readJson reads an empty body as {}: a body every field of which is optional may be left out.
        required: !doc.body.schema.safeParse({}).success,
        content: { 'application/json': { schema: jsonSchema(doc.body.schema, 'input'), example: doc.body.example } },
      },
    }),
    responses: responses(method, doc),
  };
}

/** The document for the routes in `routes` that carry a description; see `undescribed` for the others. */
export function openApiDocument(routes: readonly RouterRoute[], cookieName: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const doc = descriptionOf(route);
    if (!doc) continue;
    const { path, params } = openApiPath(route.path);
    const method = route.method.toLowerCase() as Method;
    const item = paths[path] ?? {};
    if (item[method]) throw new Error(`${route.method} ${route.path} is described twice: keep one describeRoute().`);
    item[method] = operation(route.method, params, doc);
    paths[path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CodeSync room API',
      version: '1',
      description:
        'The HTTP API of a CodeSync server: rooms, runs, the question bank, accounts. Every refusal is ' +
        '`{"error": {"code", "message"}}` with the status of its code; rate limits add `Retry-After`. ' +
        'The room’s WebSocket (GET /api/rooms/{roomId}/ws) speaks the y-websocket protocol; its JSON messages are in SPEC.md.',
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: securitySchemes(cookieName),
      responses: {
        Refusal: {
          description: 'Any other refusal (`internal`, `misconfigured`, …), with the status of its code in the table.',
          content: { 'application/json': { schema: refusalSchema(Object.keys(REFUSALS) as RefusalCode[]) } },
        },
      },
    },
  };
}
