/**
 * What a room link carries: `/r/<roomId>#token=<token>`. The token stays in the
 * fragment, which the browser never sends to a server.
 */
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

const NAME_KEY = 'codesync.name';

export function rememberedName(): string {
  return localStorage.getItem(NAME_KEY) ?? '';
}

export function rememberName(name: string): void {
  localStorage.setItem(NAME_KEY, name);
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
