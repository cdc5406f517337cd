/**
 * A socket an account opened (with a ticket its session bought) goes when the account's
 * access goes: leaving the team (MINE6), signing out everywhere or changing the password
 * (ACCT6). Sockets opened with a link are never touched: the link still opens the room.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/room/closeCodes';
import { account, authApi, me, signIn } from '../accounts/support';
import { PanelPeer } from '../panel/panelPeer';
import { api, type CreatedRoom, Peer, until } from '../support';
import { type Account, joinTeamOf, ownedRoom, post, signedIn } from './accounts';

/** A ticket the account's session buys for the room (MINE4). */
async function ticketOf(who: Account, roomId: string): Promise<string> {
  const res = await post(who, `/api/rooms/${roomId}/tickets`);
  if (res.status !== 201) throw new Error(`ticket: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** The account's socket in the room, opened as the web app opens it: with a ticket. */
async function socketOf(who: Account, roomId: string): Promise<Peer> {
  return Peer.connect(roomId, await ticketOf(who, roomId), { name: who.name, via: 'ticket' });
}

async function revoked(peer: Peer | PanelPeer): Promise<{ code: number; reason: string }> {
  const closed = await until(() => peer.closed, 'the account’s socket to close');
  expect(closed.code).toBe(CLOSE_CODES.accessRevoked);
  expect(closed.reason).toMatch(/^You no longer have access to this room: \S/);
  return closed;
}

/** The sockets still receive the room: an edit by the interviewer's link reaches each of them. */
async function stillOpen(room: CreatedRoom, peers: Peer[], line: string): Promise<void> {
  const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
  interviewer.edit('main.py', 0, `${line}\n`);
  await until(() => peers.every((peer) => peer.text().startsWith(line)), `“${line}” on every open socket`);
  for (const peer of peers) expect(peer.closed).toBeNull();
  interviewer.ws.close(1000, 'done');
}

describe('revoking an account’s sockets', () => {
  it('[MINE6] a member who leaves the team has their observer sockets (room and panel) closed at once, and their unspent ticket refused; link sockets stay', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const room = await ownedRoom(ada);
    const bobs = await socketOf(bob, room.roomId);
    const bobsPanel = await PanelPeer.connect(room.roomId, await ticketOf(bob, room.roomId), 'Bob', 'ticket');
    const spare = await ticketOf(bob, room.roomId);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cat' });
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Oli' });
    const observersPanel = await PanelPeer.connect(room.roomId, room.tokens.observer, 'Oli');

    expect((await post(bob, '/api/teams/leave')).status).toBe(200);
    expect((await revoked(bobs)).reason).toContain('team');
    await revoked(bobsPanel);
    expect((await Peer.upgrade(room.roomId, spare, { via: 'ticket' })).status).toBe(401);
    await stillOpen(room, [candidate, observer], 'after Bob left');
    expect(observersPanel.closed).toBeNull();
  });

  it('[MINE6] when the owner leaves, the colleagues’ sockets in the owner’s rooms close; the owner’s own stays', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const room = await ownedRoom(ada);
    const adas = await socketOf(ada, room.roomId);
    const bobs = await socketOf(bob, room.roomId);

    expect((await post(ada, '/api/teams/leave')).status).toBe(200);
    await revoked(bobs);
    await stillOpen(room, [adas], 'Ada is still the owner');
  });

  it('[ACCT6] signing out everywhere closes the account’s sockets in its rooms and its team’s; a colleague’s and the links’ stay', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const adasRoom = await ownedRoom(ada);
    const bobsRoom = await ownedRoom(bob);
    const adaAsInterviewer = await socketOf(ada, adasRoom.roomId);
    const adaAsObserver = await socketOf(ada, bobsRoom.roomId);
    const bobs = await socketOf(bob, adasRoom.roomId);
    const candidate = await Peer.connect(adasRoom.roomId, adasRoom.tokens.candidate, { name: 'Cat' });

    expect((await post(ada, '/api/auth/signout-everywhere')).status).toBe(200);
    await revoked(adaAsInterviewer);
    await revoked(adaAsObserver);
    await stillOpen(adasRoom, [bobs, candidate], 'after Ada signed out everywhere');
  });

  it('[ACCT6] a password change closes the account’s sockets, those of its other sessions too; link sockets stay', async () => {
    const { email, password, cookie } = await account('the old password');
    const { account: who } = (await (await me(cookie)).json()) as { account: { id: string } };
    const here: Account = { accountId: who.id, name: 'Ada', cookie };
    const elsewhere: Account = { ...here, cookie: await signIn(email, password) };
    const room = await ownedRoom(here);
    const fromElsewhere = await socketOf(elsewhere, room.roomId);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cat' });
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Oli' });

    const changed = await authApi('/password', { current: password, next: 'the new password' }, { cookie });
    expect(changed.status).toBe(200);
    expect((await revoked(fromElsewhere)).reason).toContain('password');
    // The session that changed it stays, and may open the room again.
    const again = await socketOf(here, room.roomId);
    await stillOpen(room, [candidate, observer, again], 'after the password changed');
  });
  it('[MINE10] an ended room is no refuge: a leaver’s panel and room sockets there close too, and their unspent ticket is refused', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const room = await ownedRoom(ada);
    const ended = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(ended.status).toBe(200);
    // After the end the panel still writes its scorecard and the room still shows its code.
    const bobsPanel = await PanelPeer.connect(room.roomId, await ticketOf(bob, room.roomId), 'Bob', 'ticket');
    const bobs = await socketOf(bob, room.roomId);
    const spare = await ticketOf(bob, room.roomId);
    const observersPanel = await PanelPeer.connect(room.roomId, room.tokens.observer, 'Oli');

    expect((await post(bob, '/api/teams/leave')).status).toBe(200);
    expect((await revoked(bobsPanel)).reason).toContain('team');
    await revoked(bobs);
    expect((await PanelPeer.upgrade(room.roomId, spare, 'Bob', 'ticket')).status).toBe(401);
    expect(observersPanel.closed).toBeNull();
  });

  it('[MINE10] signing out everywhere closes the account’s panel socket in an ended room of its team', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const room = await ownedRoom(ada);
    expect(
      (await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer })).status,
    ).toBe(200);
    const bobsPanel = await PanelPeer.connect(room.roomId, await ticketOf(bob, room.roomId), 'Bob', 'ticket');

    expect((await post(bob, '/api/auth/signout-everywhere')).status).toBe(200);
    expect((await revoked(bobsPanel)).reason).toContain('signed out');
  });
});
