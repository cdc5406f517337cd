/**
 * What a presence (awareness) state may say, issue #10 hole 3. The room relays only a
 * state it has rebuilt: the name and role come from the connection (what the link and
 * `?name=` said), the colour is a strict `#rrggbb` or else one of PRESENCE_COLORS, the
 * cursor must have the shape y-codemirror.next writes, and every other key is dropped.
 * A state never reaches a peer's page as CSS, markup or a claim to be someone else.
 *
 * @example
 * sanitizePresence(JSON.parse(state), { clientId, name: 'Ada', role: 'candidate' });
 * // → { user: { name: 'Ada', role: 'candidate', color: '#0090ff', colorLight: '#0090ff33' }, cursor: … }
 */
import { z } from 'zod';
import type { Role } from '../auth/roles';

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
  name: string;
  role: Role;
}

export interface PresenceState {
  user: { name: string; role: Role; color: string; colorLight: string };
  cursor?: z.infer<typeof cursor>;
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
  const clean: PresenceState = { user: { name: owner.name, role: owner.role, color, colorLight: `${color}33` } };
  const parsed = cursor.safeParse((state as { cursor?: unknown }).cursor);
  if (parsed.success && parsed.data !== undefined) clean.cursor = parsed.data;
  return clean;
}
