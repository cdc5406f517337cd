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

/**
 * A request body as text, read at most `max` bytes: counted while it streams, so a
 * body without (or lying in) Content-Length is cut off at the cap, not read to its end
 * (issue #10 hole 13).
 */
export async function readCapped(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > max) throw tooLarge(max);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel('body too large');
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** An empty body is read as `{}` so that all-optional bodies may be left out. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await readCapped(c.req.raw, MAX_HTTP_BODY_BYTES);
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

function tooLarge(max: number) {
  return fail('body_too_large', `The request body must be at most ${max} bytes.`);
}
