/**
 * What a presence (awareness) state may say, issue #10 hole 3. The room relays only a
 * state it has rebuilt: the name and role come from the connection (what the link and
 * `?name=` said), the colour is a strict `#rrggbb` or else one of PRESENCE_COLORS, the
 * cursor must have the shape y-codemirror.next writes, the round trip (`rttMs`) is a
 * whole number of milliseconds up to MAX_PRESENCE_RTT_MS, `connId` names the connection
 * that sent it (so a page can match a state to its people list), and every other key is
 * dropped. A state never reaches a peer's page as CSS, markup or a claim to be someone else.
 *
 * @example
 * sanitizePresence(JSON.parse(state), { clientId, connId, name: 'Ada', role: 'candidate' });
 * // → { user: { name: 'Ada', role: 'candidate', color: '#0090ff', colorLight: '#0090ff33' }, connId, cursor: …, rttMs: 42 }
 */
import { z } from 'zod';
import type { Role } from '../auth/roles';
import { MAX_PRESENCE_RTT_MS } from '../limits';

/** The colours the web app picks from; any other colour that is not strict #rrggbb is replaced by one. */
export const PRESENCE_COLORS = [
  '#e5484d',
  '#0090ff',
  '#30a46c',
  '#f76b15',
  '#8e4ec6',
  '#d6409f',
  '#12a594',
  '#978365',
] as const;

const STRICT_COLOR = /^#[0-9a-fA-F]{6}$/;
const id = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).strict();
/** A Y.RelativePosition as JSON (y-codemirror puts the object itself in the state: nulls included). */
const relativePosition = z
  .object({
    type: id.nullish(),
    tname: z.string().max(100).nullish(),
    item: id.nullish(),
    assoc: z.number().int().min(-1).max(1).nullish(),
  })
  .strict();
const cursor = z.object({ anchor: relativePosition, head: relativePosition }).strict().nullable();

export interface PresenceOwner {
  clientId: number;
  /** The connection that speaks for the state: the room says it, the client cannot. */
  connId: string;
  name: string;
  role: Role;
}

export interface PresenceState {
  user: { name: string; role: Role; color: string; colorLight: string };
  connId: string;
  cursor?: z.infer<typeof cursor>;
  /** The client's own round trip to the room (web/src/room/health.ts), clamped. */
  rttMs?: number;
}

/**
 * A round trip as the room relays it: a finite, non-negative number, rounded and capped
 * at MAX_PRESENCE_RTT_MS; anything else (a string, a negative, an object) is dropped.
 */
export function cleanRtt(offered: unknown): number | undefined {
  if (typeof offered !== 'number' || !Number.isFinite(offered) || offered < 0) return undefined;
  return Math.min(Math.round(offered), MAX_PRESENCE_RTT_MS);
}

/** The colour a client gets when it offers none that is allowed. */
export const paletteColor = (clientId: number): string =>
  PRESENCE_COLORS[clientId % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];

/** Rebuilds a client's state from what the room knows; returns null for a state that is not an object. */
export function sanitizePresence(state: unknown, owner: PresenceOwner): PresenceState | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
  const offered = (state as { user?: unknown }).user;
  const wanted = typeof offered === 'object' && offered !== null ? (offered as { color?: unknown }).color : undefined;
  const color =
    typeof wanted === 'string' && STRICT_COLOR.test(wanted) ? wanted.toLowerCase() : paletteColor(owner.clientId);
  const clean: PresenceState = {
    user: { name: owner.name, role: owner.role, color, colorLight: `${color}33` },
    connId: owner.connId,
  };
  const parsed = cursor.safeParse((state as { cursor?: unknown }).cursor);
  if (parsed.success && parsed.data !== undefined) clean.cursor = parsed.data;
  const rttMs = cleanRtt((state as { rttMs?: unknown }).rttMs);
  if (rttMs !== undefined) clean.rttMs = rttMs;
  return clean;
}
