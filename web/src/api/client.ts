/**
 * The one way the web app calls its API: JSON in and out, same-origin cookies (a
 * signed-in account), the room link's token as a Bearer header when a page has one.
 * A refusal comes back as an ApiError carrying the server's own words
 * (`{error: {code, message}}`, worker/src/refusals.ts), ready to show to the person.
 *
 * @example
 * const room = await api<Created>('/api/rooms', { method: 'POST', body: { title } });
 * try { await api('/api/auth/signin', { method: 'POST', body }); }
 * catch (error) { setError(messageOf(error)); }
 */

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came (unreachable, timed out). */
    readonly status: number,
    /** The server's refusal code (`bad_credentials`, `rate_limited` …), or `unreachable` / `timeout`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** A room link's token: `Authorization: Bearer …`. */
  token?: string;
  signal?: AbortSignal;
  /** Lets a request leave as the tab closes (an integrity signal). */
  keepalive?: boolean;
}

/** Calls `path` and answers its JSON body (undefined for an empty answer), or throws ApiError. */
export async function api<T = unknown>(path: string, options: CallOptions = {}): Promise<T> {
  const text = await (await call(path, options)).text().catch(() => '');
  return (text ? parseJson(text) : undefined) as T;
}

/** Calls `path` and answers its body as bytes (a page of history), or throws ApiError. */
export async function apiBytes(path: string, options: CallOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await (await call(path, options)).arrayBuffer());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The request itself: an answer with a 2xx status, or an ApiError in the server's words. */
async function call(path: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new ApiError(0, 'timeout', 'The server took too long to answer. Try again.');
    }
    throw new ApiError(0, 'unreachable', 'The server cannot be reached. Check your connection.');
  }
  if (res.ok) return res;
  const body = parseJson(await res.text().catch(() => ''));
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  throw new ApiError(
    res.status,
    typeof error?.code === 'string' ? error.code : 'http_error',
    typeof error?.message === 'string' ? error.message : `The server answered ${res.status} ${res.statusText}.`.trim(),
  );
}

/** Words for any error a call may throw, for the person who made it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
