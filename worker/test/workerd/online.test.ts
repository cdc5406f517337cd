/**
 * `GET /api/rooms/:roomId` says each person's round trip to the room (`online[].rttMs`),
 * as their client put it in its presence: a stock Yjs client's awareness state, over a
 * real socket into the real Durable Object. A forged figure never comes out as sent.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PRESENCE_RTT_MS } from '../../src/limits';
import { api, createRoom, Peer, until } from './support';

interface Online {
  name: string;
  role: string;
  rttMs: number | null;
}

async function online(roomId: string, token: string): Promise<Online[]> {
  const res = await api(`/api/rooms/${roomId}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { online: Online[] }).online;
}

async function rttOf(roomId: string, token: string, name: string): Promise<number | null | undefined> {
  return (await online(roomId, token)).find((person) => person.name === name)?.rttMs;
}

describe('online[].rttMs', () => {
  it('[HLT2] is null until a client has measured one, then the figure its presence carries', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olga', events: false });
    expect(await online(room.roomId, room.tokens.interviewer)).toEqual([
      { name: 'Ada', role: 'candidate', rttMs: null },
      { name: 'Olga', role: 'observer', rttMs: null },
    ]);
    ada.setPresence({ user: { name: 'Ada', color: '#0090ff' }, rttMs: 87.4 });
    await until(async () => (await rttOf(room.roomId, room.tokens.interviewer, 'Ada')) === 87, "Ada's round trip");
    ada.setPresence({ user: { name: 'Ada', color: '#0090ff' }, rttMs: 412 });
    await until(async () => (await rttOf(room.roomId, room.tokens.observer, 'Ada')) === 412, 'the new figure');
    expect(await rttOf(room.roomId, room.tokens.observer, 'Olga')).toBeNull();
  });

  it('[HLT2] peers see the cleaned figure, and the connection the room says it came from', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    const ian = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ian' });
    ada.setPresence({ user: { name: 'Ada' }, rttMs: 1e15, connId: 'not-mine' });
    const seen = (await until(() => ian.awareness.getStates().get(ada.doc.clientID), "Ada's presence at Ian")) as {
      rttMs?: number;
      connId?: string;
    };
    expect(seen.rttMs).toBe(MAX_PRESENCE_RTT_MS);
    const adaInList = ian.messages.findLast((m) => m.type === 'presence');
    const adaPeer = adaInList?.type === 'presence' ? adaInList.peers.find((p) => p.name === 'Ada') : undefined;
    expect(seen.connId).toBe(adaPeer?.connId);
  });

  const forgeries: [string, unknown, number | null][] = [
    ['a huge number', 1e15, MAX_PRESENCE_RTT_MS],
    ['a negative number', -250, null],
    ['a string', '30', null],
    ['an object', { valueOf: 30 }, null],
    ['a number past what a double holds', JSON.parse('1e400'), null],
  ];
  for (const [what, rttMs, expected] of forgeries)
    it(`[HLT2] a forged rttMs (${what}) is ${expected === null ? 'dropped' : 'clamped'}`, async () => {
      const room = await createRoom();
      const mallory = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Mallory' });
      // A first, honest figure, so a dropped forgery shows as the figure going away.
      mallory.setPresence({ user: { name: 'Mallory' }, rttMs: 20 });
      await until(async () => (await rttOf(room.roomId, room.tokens.interviewer, 'Mallory')) === 20, 'the first');
      mallory.setPresence({ user: { name: 'Mallory' }, rttMs });
      await until(
        async () => (await rttOf(room.roomId, room.tokens.interviewer, 'Mallory')) === expected,
        `the forged figure read as ${expected}`,
      );
      expect(mallory.closed).toBeNull(); // a bad figure is not worth a close: the rest of the state is good
    });
});
