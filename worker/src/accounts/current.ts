/**
 * The signed-in account of a request, from its session cookie (accounts/sessions.ts).
 * A state change (POST/PUT/PATCH/DELETE) that a cookie authenticates must also come from
 * the app's own origin (accounts/csrf.ts): this module checks that itself, so no route
 * that uses an account can forget it. Read once per request (cached on the Request).
 *
 * @example
 * const account = await currentAccount(c);   // {id, email, name, sessionHash} | null
 * const account = await requireAccount(c);   // or 401 not_signed_in
 */
import type { Context } from 'hono';
import type { Env } from '../env';
import { fail } from '../errors';
import { assertSameOrigin } from './csrf';
import { sessionOf } from './sessions';
import { accountById } from './store';

export interface CurrentAccount {
  id: string;
  email: string | null;
  name: string;
  /** The SHA-256 of this request's session token: the session to end on sign-out. */
  sessionHash: string;
}

const cache = new WeakMap<Request, Promise<CurrentAccount | null>>();

type EnvContext = Context<{ Bindings: Env }>;

/** The account whose live session this request's cookie carries, or null. */
export function currentAccount(c: EnvContext): Promise<CurrentAccount | null> {
  let found = cache.get(c.req.raw);
  if (!found) {
    found = lookUp(c);
    cache.set(c.req.raw, found);
  }
  return found;
}

async function lookUp(c: EnvContext): Promise<CurrentAccount | null> {
  const session = await sessionOf(c.env, c.req.header('cookie'));
  if (!session) return null;
  // Checked only once a cookie is live: an anonymous request has nothing to forge.
  assertSameOrigin(c.req.raw, c.env);
  const account = await accountById(c.env.DB, session.accountId);
  if (!account) return null;
  return { id: account.id, email: account.email, name: account.name, sessionHash: session.tokenHash };
}

/** The signed-in account, or 401 `not_signed_in`. */
export async function requireAccount(c: EnvContext): Promise<CurrentAccount> {
  const account = await currentAccount(c);
  if (!account) throw fail('not_signed_in');
  return account;
}
