/**
 * Adversarial suite, issue #10 hole 11: the link token stays out of URLs. A socket
 * joins with a short-lived, single-use ticket bought with `Authorization: Bearer`.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/tokens';
import { api, BASE, createRoom } from '../support';

const upgrade = (roomId: string, query: string) =>
  exports.default.fetch(`${BASE}/api/rooms/${roomId}/ws?${query}`, { headers: { upgrade: 'websocket' } });

async function ticketFor(roomId: string, token: string): Promise<{ ticket: string; expiresAt: number }> {
  const res = await api(`/api/rooms/${roomId}/tickets`, { method: 'POST', token });
  expect(res.status).toBe(201);
  return res.json();
}

describe('WebSocket tickets (hole 11)', () => {
  it('[SEC-TICKET1] hole 11: a ticket opens the socket once, with the role of the token that bought it', async () => {
    const room = await createRoom();
    const { ticket, expiresAt } = await ticketFor(room.roomId, room.tokens.observer);
    expect(expiresAt).toBeGreaterThan(Date.now());
    const first = await upgrade(room.roomId, `ticket=${ticket}&name=o`);
    expect(first.status).toBe(101);
    first.webSocket?.accept();
    first.webSocket?.close(1000, 'done');
    const again = await upgrade(room.roomId, `ticket=${ticket}&name=o`);
    expect(again.status).toBe(401);
  });

  it('[SEC-TICKET2] hole 11: a ticket for one room does not open another', async () => {
    const a = await createRoom();
    const b = await createRoom();
    const { ticket } = await ticketFor(a.roomId, a.tokens.interviewer);
    expect((await upgrade(b.roomId, `ticket=${ticket}`)).status).toBe(401);
    // and the failed try did not spend it on room a
    const ok = await upgrade(a.roomId, `ticket=${ticket}`);
    expect(ok.status).toBe(101);
    ok.webSocket?.accept();
    ok.webSocket?.close(1000, 'done');
  });

  it('[SEC-TICKET3] hole 11: an expired ticket is refused', async () => {
    const room = await createRoom();
    const stale = 'stale-ticket-0123456789abcdefghijklmnop';
    await env.DB.prepare('INSERT INTO ws_tickets (hash, room_id, role, expires_at) VALUES (?, ?, ?, ?)')
      .bind(await sha256Hex(stale), room.roomId, 'interviewer', Date.now() - 1)
      .run();
    expect((await upgrade(room.roomId, `ticket=${stale}`)).status).toBe(401);
  });

  it('[SEC-TICKET4] hole 11: tickets are bought with a Bearer token only, never ?token=', async () => {
    const room = await createRoom();
    const viaQuery = await api(`/api/rooms/${room.roomId}/tickets?token=${room.tokens.candidate}`, { method: 'POST' });
    expect(viaQuery.status).toBe(401);
    const wrong = await api(`/api/rooms/${room.roomId}/tickets`, { method: 'POST', token: 'not-a-token' });
    expect(wrong.status).toBe(401);
  });

  it('[SEC-TICKET5] hole 11: ?token= still opens the socket for stock Yjs clients', async () => {
    const room = await createRoom();
    const res = await upgrade(room.roomId, `token=${room.tokens.candidate}`);
    expect(res.status).toBe(101);
    res.webSocket?.accept();
    res.webSocket?.close(1000, 'done');
  });
});
