/**
 * Accounts own their interviews (issue 13): a signed-in creator is recorded as the
 * room's owner, and re-opens it as the interviewer with the session alone, without the
 * link; nobody else's session opens it, and a socket never takes a cookie.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, BASE, createRoom } from '../support';
import { asAccount, ownedRoom, ownerOf, post, roleOnSocket, signedIn } from './accounts';

const details = (res: Response) => res.json() as Promise<{ you: { role: string } }>;

describe('ownership', () => {
  it('[MINE1] a room created with a session belongs to its account; one created without is anonymous', async () => {
    const ada = await signedIn('Ada');
    const owned = await ownedRoom(ada, { title: 'Owned' });
    expect(await ownerOf(owned.roomId)).toBe(ada.accountId);
    const anonymous = await createRoom({ title: 'Nobody’s' });
    expect(await ownerOf(anonymous.roomId)).toBeNull();
    // The links work exactly as before for everyone.
    const res = await api(`/api/rooms/${owned.roomId}`, { token: owned.tokens.candidate });
    expect((await details(res)).you.role).toBe('candidate');
  });

  it('[MINE1] an expired or forged session owns nothing: the room is anonymous', async () => {
    const ada = await signedIn('Ada');
    const forged = { ...ada, cookie: `codesync_session=${'x'.repeat(43)}` };
    const room = await ownedRoom(forged);
    expect(await ownerOf(room.roomId)).toBeNull();
  });

  it('[MINE3] the owner re-opens the room as interviewer with the session alone: details, a ticket, the socket', async () => {
    const ada = await signedIn('Ada');
    const room = await ownedRoom(ada);
    const res = await asAccount(ada, `/api/rooms/${room.roomId}`);
    expect(res.status).toBe(200);
    expect((await details(res)).you.role).toBe('interviewer');
    const ticket = await post(ada, `/api/rooms/${room.roomId}/tickets`);
    expect(ticket.status).toBe(201);
    const { ticket: value } = (await ticket.json()) as { ticket: string };
    expect(await roleOnSocket(room.roomId, value)).toBe('interviewer');
    // The interviewer's powers come with it: the report, ending the room.
    expect((await asAccount(ada, `/api/rooms/${room.roomId}/report`)).status).toBe(200);
    const ended = await post(ada, `/api/rooms/${room.roomId}/end`);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { status: string }).status).toBe('ended');
  });

  it('[MINE3] another account’s session gets nothing in the room, nor in an anonymous one', async () => {
    const ada = await signedIn('Ada');
    const eve = await signedIn('Eve');
    const room = await ownedRoom(ada);
    const anonymous = await createRoom();
    for (const [id, path] of [
      [room.roomId, ''],
      [room.roomId, '/report'],
      [room.roomId, '/history'],
      [room.roomId, '/panel'],
      [anonymous.roomId, ''],
    ] as const) {
      const res = await asAccount(eve, `/api/rooms/${id}${path}`);
      expect(res.status, path).toBe(401);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toMatch(/no access to this interview/);
    }
    expect((await post(eve, `/api/rooms/${room.roomId}/tickets`)).status).toBe(401);
    expect((await post(eve, `/api/rooms/${room.roomId}/end`)).status).toBe(401);
    // Nothing changed for the owner.
    expect((await details(await asAccount(ada, `/api/rooms/${room.roomId}`))).you.role).toBe('interviewer');
  });

  it('[MINE3] a link token speaks for itself: the owner’s cookie beside a candidate’s token is the candidate', async () => {
    const ada = await signedIn('Ada');
    const room = await ownedRoom(ada);
    const res = await asAccount(ada, `/api/rooms/${room.roomId}`, { token: room.tokens.candidate });
    expect((await details(res)).you.role).toBe('candidate');
    const wrong = await asAccount(ada, `/api/rooms/${room.roomId}`, { token: 'w'.repeat(43) });
    expect(wrong.status).toBe(401);
  });

  it('[MINE4] a socket never takes the session cookie: the owner’s cookie alone opens nothing', async () => {
    const ada = await signedIn('Ada');
    const room = await ownedRoom(ada);
    const res = await exports.default.fetch(`${BASE}/api/rooms/${room.roomId}/ws?name=Ada`, {
      headers: { upgrade: 'websocket', cookie: ada.cookie, origin: BASE },
    });
    expect(res.status).toBe(401);
    expect(res.webSocket).toBeNull();
  });
});
