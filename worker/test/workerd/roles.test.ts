/**
 * The role matrix: every role × every action, checked on the server.
 */
import { describe, expect, it } from 'vitest';
import { api, createRoom, Peer, until } from './support';

const ROLES = ['interviewer', 'candidate', 'observer'] as const;

describe.each(ROLES)('%s', (role) => {
  const writes = role !== 'observer';

  it('[ROLE1] reads the room and its files', async () => {
    const room = await createRoom();
    expect((await api(`/api/rooms/${room.roomId}`, { token: room.tokens[role] })).status).toBe(200);
    expect((await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens[role] })).status).toBe(200);
  });

  it('[ROLE1] joins the WebSocket and receives the document', async () => {
    const room = await createRoom();
    const peer = await Peer.connect(room.roomId, room.tokens[role], { name: role });
    expect(peer.text()).toBe('print("Hello, CodeSync!")\n');
    const hello = peer.messages.find((m) => m.type === 'hello');
    expect(hello).toMatchObject({ you: { role, name: role } });
    peer.close();
  });

  it(`[ROLE2] ${writes ? 'edits, and the edit reaches the others' : 'is refused when it edits, and nobody sees it'}`, async () => {
    const room = await createRoom();
    const author = await Peer.connect(room.roomId, room.tokens[role]);
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer);
    author.edit('main.py', 0, '# typed\n');
    if (writes) {
      await until(() => watcher.text().startsWith('# typed\n'), 'edit to reach the watcher');
      expect(author.errors()).toEqual([]);
    } else {
      await until(() => author.errors().includes('read_only'), 'the refusal');
      const files = await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer })).json();
      expect(JSON.stringify(files)).not.toContain('# typed');
      expect(watcher.text()).not.toContain('# typed');
    }
    author.close();
    watcher.close();
  });

  it(`[ROLE5] ${role === 'interviewer' ? 'ends the room' : 'gets 403 when it tries to end the room'}`, async () => {
    const room = await createRoom();
    const res = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens[role] });
    if (role === 'interviewer') {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ended' });
    } else {
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error).toEqual({
        code: 'forbidden',
        message: `You joined as ${role}. Only the interviewer can end the interview.`,
      });
    }
  });
});

describe('presence', () => {
  it('[SYNC7] lists who is online with name and role', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ada' });
    const b = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Bob' });
    const res = await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate });
    const { online } = (await res.json()) as { online: { name: string; role: string }[] };
    expect(online.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'Ada', role: 'interviewer', rttMs: null },
      { name: 'Bob', role: 'observer', rttMs: null },
    ]);
    await until(
      () => a.messages.some((m) => m.type === 'presence' && m.peers.length === 2),
      'a presence message with both peers',
    );
    b.close();
    // The last presence Ada gets lists only her.
    await until(() => {
      const last = a.messages.filter((m) => m.type === 'presence').at(-1);
      return last?.type === 'presence' && last.peers.map((p) => p.name).join() === 'Ada';
    }, 'presence without Bob');
    a.close();
  });

  it('[SYNC5] a peer leaving removes only its own cursor', async () => {
    const room = await createRoom();
    const a = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'A' });
    const b = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'B' });
    const c = await Peer.connect(room.roomId, room.tokens.observer);
    a.setPresence({ user: { name: 'A' } });
    b.setPresence({ user: { name: 'B' } });
    await until(() => c.awareness.getStates().size === 3, 'c to see a and b (and itself)');
    b.close();
    await until(() => !c.awareness.getStates().has(b.doc.clientID), 'b to leave c');
    // The room rebuilds states (name and role from the connection: attacks/awareness.test.ts).
    expect(c.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'A', role: 'interviewer' } });
    a.close();
    c.close();
  });

  it('[SYNC5] a peer cannot overwrite another peer presence by reusing its client id', async () => {
    const room = await createRoom();
    const victim = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Victim' });
    const forger = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Forger' });
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer);
    victim.setPresence({ user: { name: 'Victim' } });
    await until(() => watcher.awareness.getStates().get(victim.doc.clientID), 'the victim presence');
    const ownId = forger.doc.clientID;
    forger.doc.clientID = victim.doc.clientID;
    forger.awareness.clientID = victim.doc.clientID;
    forger.setPresence({ user: { name: 'Forged' } });
    // Then a state under its own id: once the watcher has it, the server has read both.
    forger.doc.clientID = ownId;
    forger.awareness.clientID = ownId;
    forger.setPresence({ user: { name: 'Forger' } });
    await until(() => watcher.awareness.getStates().get(ownId), 'the forger own presence');
    expect(watcher.awareness.getStates().get(victim.doc.clientID)).toMatchObject({
      user: { name: 'Victim', role: 'candidate' },
    });
    victim.close();
    forger.close();
    watcher.close();
  });
});
