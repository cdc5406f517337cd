/**
 * Adversarial suite, issue #10 hole 7: abuse limits that must hold against a client
 * who races them, rotates addresses inside its own IPv6 /64, or fills a room with
 * observer sockets.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS_PER_ROOM, RESERVED_SEATS, ROOMS_PER_CLIENT_PER_MINUTE } from '../../../src/limits';
import { api, createRoom, Peer } from '../support';

const create = (ip: string) => api('/api/rooms', { method: 'POST', ip });

describe('abuse limits (hole 7)', () => {
  it('[SEC-ABUSE1] hole 7: racing creations from one client cannot pass the rooms-per-minute limit', async () => {
    const ip = '127.51.100.23';
    const answers = await Promise.all(Array.from({ length: ROOMS_PER_CLIENT_PER_MINUTE + 15 }, () => create(ip)));
    const created = answers.filter((r) => r.status === 201).length;
    expect(created).toBe(ROOMS_PER_CLIENT_PER_MINUTE);
    expect(answers.filter((r) => r.status === 429).length).toBe(15);
  });

  it('[SEC-ABUSE2] hole 7: every address in one IPv6 /64 is one client', async () => {
    for (let i = 1; i <= ROOMS_PER_CLIENT_PER_MINUTE; i++) {
      expect((await create(`2001:db8:7:7::${i.toString(16)}`)).status).toBe(201);
    }
    expect((await create('2001:0db8:0007:0007:ffff:ffff:ffff:fffe')).status).toBe(429);
    expect((await create('2001:db8:7:8::1')).status).toBe(201);
  });

  it(`[SEC-ABUSE3] hole 7: observers cannot take the ${RESERVED_SEATS} seats kept for the interviewer and the candidate`, async () => {
    const room = await createRoom();
    const sockets: WebSocket[] = [];
    let refusedAt = -1;
    for (let i = 0; i < MAX_CONNECTIONS_PER_ROOM; i++) {
      const res = await Peer.upgrade(room.roomId, room.tokens.observer, { events: false });
      if (res.status !== 101) {
        refusedAt = i;
        expect(res.status).toBe(429);
        break;
      }
      res.webSocket?.accept();
      if (res.webSocket) sockets.push(res.webSocket);
    }
    expect(refusedAt).toBe(MAX_CONNECTIONS_PER_ROOM - RESERVED_SEATS);
    const interviewer = await Peer.upgrade(room.roomId, room.tokens.interviewer, { events: false });
    const candidate = await Peer.upgrade(room.roomId, room.tokens.candidate, { events: false });
    expect([interviewer.status, candidate.status]).toEqual([101, 101]);
    for (const res of [interviewer, candidate]) {
      res.webSocket?.accept();
      res.webSocket?.close(1000, 'done');
    }
    for (const ws of sockets) ws.close(1000, 'done');
  });
});
