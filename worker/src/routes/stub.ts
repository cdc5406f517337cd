/**
 * How a route reaches a room: authenticate the caller against D1 (auth/principal.ts),
 * then call the room's Durable Object with the verified principal.
 */
import type { Context } from 'hono';
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
export async function roomFor(c: Context<{ Bindings: Env }>, token = bearerToken(c.req.raw)) {
  const roomId = c.req.param('roomId') ?? '';
  const principal: Principal = unwrap(await authenticate(c.env, roomId, token));
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
  const { principal } = await roomFor(c, bearerToken(c.req.raw) ?? c.req.query('token') ?? null);
  return { roomId, principal };
}
