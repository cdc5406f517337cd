/**
 * Signed-in accounts for workerd tests: an account row and a live session made with the
 * real sessions module (accounts/sessions.ts), and requests that carry its cookie from
 * CodeSync's own origin (as the web app's fetches do) or from another site.
 */
import { env, exports } from 'cloudflare:workers';
import { startSession } from '../../../src/accounts/sessions';
import { api, BASE, type CreatedRoom, until } from '../support';

export interface Account {
  accountId: string;
  name: string;
  /** The `Cookie` header value that carries the session. */
  cookie: string;
}

export async function signedIn(name = 'Ada'): Promise<Account> {
  const accountId = crypto.randomUUID();
  await env.DB.prepare('INSERT INTO accounts (id, email, name, created_at) VALUES (?, ?, ?, ?)')
    .bind(accountId, `${accountId}@example.test`, name, Date.now())
    .run();
  const { cookie } = await startSession(env, accountId);
  return { accountId, name, cookie: cookie.split(';')[0] as string };
}

type Init = RequestInit & { token?: string; ip?: string; from?: string };

/** A request with the account's cookie; `from` is its Origin (CodeSync's own by default). */
export function asAccount(account: Account, path: string, init: Init = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', account.cookie);
  headers.set('origin', init.from ?? BASE);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return api(path, { ...init, headers });
}

export const post = (account: Account, path: string, body?: unknown, init: Init = {}) =>
  asAccount(account, path, {
    ...init,
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A room created by the account (its cookie on `POST /api/rooms`). */
export async function ownedRoom(account: Account, body: object = {}): Promise<CreatedRoom> {
  const res = await post(account, '/api/rooms', body);
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedRoom;
}

export async function ownerOf(roomId: string): Promise<string | null> {
  const row = await env.DB.prepare('SELECT owner_account_id FROM rooms WHERE id = ?')
    .bind(roomId)
    .first<{ owner_account_id: string | null }>();
  return row?.owner_account_id ?? null;
}

/** A one-time team invite made by `account`. */
export async function invite(account: Account): Promise<string> {
  const res = await post(account, '/api/teams/invites');
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** `colleague` joins `owner`'s team by an invite. */
export async function joinTeamOf(owner: Account, colleague: Account): Promise<void> {
  const res = await post(colleague, '/api/teams/join', { token: await invite(owner) });
  if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`);
}

/** Opens the room's socket with a ticket and answers the role its `hello` names (the socket is closed). */
export async function roleOnSocket(roomId: string, ticket: string): Promise<string> {
  const res = await exports.default.fetch(`${BASE}/api/rooms/${roomId}/ws?ticket=${ticket}&name=Acc&events=1`, {
    headers: { upgrade: 'websocket' },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  const texts: string[] = [];
  ws.addEventListener('message', (event) => {
    if (typeof event.data === 'string') texts.push(event.data);
  });
  ws.accept();
  const hello = await until(
    () => texts.map((t) => JSON.parse(t) as { type: string; you?: { role: string } }).find((m) => m.type === 'hello'),
    'hello',
  );
  ws.close(1000, 'done');
  return hello.you?.role ?? 'none';
}
