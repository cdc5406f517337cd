/**
 * Rooms through the real HTTP API, for every tier: a test passes how it reaches the
 * worker (`fetch` against a `wrangler dev` URL, or the worker's own `fetch` inside
 * workerd), and gets the same calls.
 *
 * @example
 * const api = httpApi('http://127.0.0.1:8787');
 * const room = await createRoom(api, { language: 'go' });
 */
import type { Role } from '../worker/src/auth/roles';
import type { FileContent } from '../worker/src/room/doc';

/** How a test reaches the worker: a path (with query) and a request. */
export type Api = (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;

export interface CreatedRoom {
  roomId: string;
  links: Record<Role, string>;
  tokens: Record<Role, string>;
}

/** An Api over real HTTP; a `token` becomes `Authorization: Bearer`. */
export function httpApi(baseUrl: string, headers: Record<string, string> = {}): Api {
  return (path, init = {}) => {
    const all = new Headers(init.headers);
    for (const [k, v] of Object.entries(headers)) if (!all.has(k)) all.set(k, v);
    if (init.token) all.set('authorization', `Bearer ${init.token}`);
    return fetch(`${baseUrl}${path}`, { ...init, headers: all });
  };
}

export async function createRoom(api: Api, body: object = {}): Promise<CreatedRoom> {
  const res = await api('/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedRoom;
}

/** The room's files as the API reads them, by path. */
export async function roomFiles(api: Api, room: CreatedRoom, role: Role = 'observer'): Promise<Record<string, string>> {
  const res = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens[role] });
  if (res.status !== 200) throw new Error(`files: ${res.status} ${await res.text()}`);
  const { files } = (await res.json()) as { files: FileContent[] };
  return Object.fromEntries(files.map((f) => [f.path, f.content]));
}
