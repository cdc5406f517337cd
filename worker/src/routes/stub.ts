/**
 * How a route reaches a room: authenticate the caller against D1 (auth/principal.ts),
 * then call the room's Durable Object with the verified principal. An HTTP request
 * without a link token may come as a signed-in account (accounts/current.ts checks a
 * cookie-borne state change for CSRF); a socket never does: it takes a ticket or a token.
 */
import type { Context } from 'hono';
import { currentAccount } from '../accounts/current';
import { authenticate, type Principal } from '../auth/principal';
import { spendTicket } from '../auth/tickets';
import type { Env } from '../env';
import { unwrap } from '../errors';

export function roomStub(env: Env, roomId: string) {
  return env.ROOM.get(env.ROOM.idFromName(roomId));
}

/** The token of an HTTP request: `Authorization: Bearer …` only, so tokens stay out of URLs and logs. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** The room named by `:roomId` and who is asking; an unknown room never wakes its object. */
export async function roomFor(
  c: Context<{ Bindings: Env }>,
  token = bearerToken(c.req.raw),
  { sessions = true }: { sessions?: boolean } = {},
) {
  const roomId = c.req.param('roomId') ?? '';
  const accountId = !token && sessions ? ((await currentAccount(c))?.id ?? null) : null;
  const principal: Principal = unwrap(await authenticate(c.env, roomId, token, accountId));
  return { stub: roomStub(c.env, roomId), principal, roomId };
}

/**
 * Who opens a socket on `:roomId`: the web app comes with a single-use `?ticket=`
 * (auth/tickets.ts); `?token=` is taken on sockets (and only there) for stock Yjs
 * providers and scripts, which put it in the query.
 */
export async function socketCaller(c: Context<{ Bindings: Env }>): Promise<{ roomId: string; principal: Principal }> {
  const roomId = c.req.param('roomId') ?? '';
  const ticket = c.req.query('ticket');
  if (ticket !== undefined) return { roomId, principal: unwrap(await spendTicket(c.env, roomId, ticket)) };
  // No cookie here: a socket is opened by a page of any site, and a ticket needs a same-origin POST.
  const token = bearerToken(c.req.raw) ?? c.req.query('token') ?? null;
  const { principal } = await roomFor(c, token, { sessions: false });
  return { roomId, principal };
}
