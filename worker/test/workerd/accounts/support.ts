/**
 * Helpers for the accounts tests: requests as the app's own pages make them (same
 * origin), and a browser's cookie jar reduced to the one cookie that matters.
 */
import { api, BASE } from '../support';

export const SESSION_COOKIE = 'codesync_session'; // PUBLIC_URL is http in these tests

let counter = 0;
/** An email no other test uses. */
export function freshEmail(what = 'user'): string {
  counter += 1;
  return `${what}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export interface Ask {
  cookie?: string;
  ip?: string;
  /** Defaults to this app's origin, as a browser on its pages sends it. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A JSON request to /api/auth/… as the web app makes it. */
export function authApi(path: string, body: unknown, ask: Ask = {}, method = 'POST'): Promise<Response> {
  const headers = new Headers(ask.headers);
  if (ask.origin !== null) headers.set('origin', ask.origin ?? BASE);
  if (ask.cookie) headers.set('cookie', ask.cookie);
  if (body !== undefined) headers.set('content-type', 'application/json');
  return api(`/api/auth${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    ip: ask.ip,
  });
}

export const me = (cookie: string, ask: Ask = {}) => authApi('/me', undefined, { ...ask, cookie }, 'GET');

/** `name=value` of the session cookie a response sets ('' when it clears it), or null. */
export function setCookie(res: Response): string | null {
  const header = res.headers.get('set-cookie');
  if (!header) return null;
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header);
  return match ? `${SESSION_COOKIE}=${match[1]}` : null;
}

export async function signUp(email: string, password: string, name = 'Ada', ask: Ask = {}): Promise<Response> {
  return authApi('/signup', { email, password, name }, ask);
}

/** Signs in and returns the session cookie (fails the test when refused). */
export async function signIn(email: string, password: string, ask: Ask = {}): Promise<string> {
  const res = await authApi('/signin', { email, password }, ask);
  if (res.status !== 200) throw new Error(`sign-in refused: ${res.status} ${await res.text()}`);
  const cookie = setCookie(res);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** A new account, signed in: its email, password and cookie. */
export async function account(password = 'correct horse battery') {
  const email = freshEmail();
  const res = await signUp(email, password);
  if (res.status !== 202) throw new Error(`sign-up refused: ${res.status} ${await res.text()}`);
  return { email, password, cookie: await signIn(email, password) };
}

export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}
