/**
 * What a room link carries: `/r/<roomId>#token=<token>`. The token stays in the
 * fragment, which the browser never sends to a server.
 */
import { displayNameProblem, readableName } from '@codesync/worker/names';

export interface RoomLink {
  roomId: string;
  token: string;
}

export function parseRoomLink(pathname: string, hash: string): RoomLink | null {
  const room = /^\/r\/([A-Za-z0-9_-]{22})\/?$/.exec(pathname);
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  if (!room?.[1] || !token) return null;
  return { roomId: room[1], token };
}

/** Where a room's token waits once it has left the address bar. */
export const tokenKey = (roomId: string) => `codesync.token.${roomId}`;

interface Place {
  pathname: string;
  hash: string;
}
interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The room link of this page, taking the token out of the address bar (issue #10
 * hole 11: it would show while sharing a screen): a `#token=` is moved to session
 * storage and the URL replaced by `/r/<roomId>`; a reload finds it there.
 */
export function takeRoomLink(place: Place, store: TokenStore, replaceUrl: (url: string) => void): RoomLink | null {
  const fromHash = parseRoomLink(place.pathname, place.hash);
  if (fromHash) {
    store.setItem(tokenKey(fromHash.roomId), fromHash.token);
    replaceUrl(`/r/${fromHash.roomId}`);
    return fromHash;
  }
  const room = /^\/r\/([A-Za-z0-9_-]{22})\/?$/.exec(place.pathname)?.[1];
  const token = room ? store.getItem(tokenKey(room)) : null;
  return room && token ? { roomId: room, token } : null;
}

const NAME_KEY = 'codesync.name';

export function rememberedName(): string {
  return localStorage.getItem(NAME_KEY) ?? '';
}

export function rememberName(name: string): void {
  localStorage.setItem(NAME_KEY, name);
}

/**
 * The name to join under, or why not, cleaned and counted as the room does (worker's
 * readableName.ts): no problem while there is nothing to see yet, so Join just stays off.
 */
export function joinName(typed: string): { ok: true; name: string } | { ok: false; problem: string | null } {
  const name = readableName(typed);
  if (!name) return { ok: false, problem: null };
  const tooLong = displayNameProblem(name);
  return tooLong ? { ok: false, problem: `Your name ${tooLong}.` } : { ok: true, name };
}

const PERSON_KEY = 'codesync.person';

/** A random id for this browser, so two tabs of one person are one entry in "Here now". */
export function personId(): string {
  let id = localStorage.getItem(PERSON_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(PERSON_KEY, id);
  }
  return id;
}
