/**
 * Reads and validates a JSON request body against a zod schema. Errors name the
 * field and what was expected, e.g. "language: must be one of python, javascript, …".
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { fail } from './errors';
import { MAX_HTTP_BODY_BYTES } from './limits';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/** An empty body is read as `{}` so that all-optional bodies may be left out. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_HTTP_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_HTTP_BODY_BYTES) throw tooLarge();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw fail('bad_json');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fail('bad_request', describeIssues(parsed.error));
  return parsed.data;
}

function tooLarge() {
  return fail('body_too_large', `The request body must be at most ${MAX_HTTP_BODY_BYTES} bytes.`);
}
