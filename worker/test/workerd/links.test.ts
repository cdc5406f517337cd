/**
 * Replacing a role's link (issue 9, item 6): interviewer only; the old token stops
 * opening the room at once, its open sockets are closed with a reason, the other
 * roles carry on, and D1 keeps only the new hash.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/tokens';
import { CLOSE_CODES } from '../../src/room/messages';
import { api, createRoom, Peer, until } from './support';

describe('replacing a link', () => {
  it('[AUTH6] locks the old link out, closes its sockets with a reason, and answers a working new one', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);

    const res = await api(`/api/rooms/${room.roomId}/links/candidate`, {
      method: 'POST',
      token: room.tokens.interviewer,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { role: string; link: string; token: string };
    expect(body.role).toBe('candidate');
    expect(body.link).toBe(`http://codesync.test/r/${room.roomId}#token=${body.token}`);
    expect(body.token).not.toBe(room.tokens.candidate);

    const closed = await until(() => candidate.closed ?? undefined, 'the candidate socket closed');
    expect(closed.code).toBe(CLOSE_CODES.linkReplaced);
    expect(closed.reason).toMatch(/replaced this link/);
    expect(observer.closed).toBeNull();

    expect((await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate })).status).toBe(401);
    expect((await api(`/api/rooms/${room.roomId}`, { token: body.token })).status).toBe(200);
    const row = await env.DB.prepare('SELECT candidate_token_hash FROM rooms WHERE id = ?')
      .bind(room.roomId)
      .first<{ candidate_token_hash: string }>();
    expect(row?.candidate_token_hash).toBe(await sha256Hex(body.token));
    const again = await Peer.connect(room.roomId, body.token);
    expect(again.text()).toContain('Hello, CodeSync');
    again.close();
    observer.close();
  });

  it('[AUTH6] a ticket bought with the old link before it was replaced opens neither the room nor the panel', async () => {
    const room = await createRoom();
    // The person on the observer link keeps unspent tickets (each good for TICKET_TTL_MS).
    const buy = async () => {
      const res = await api(`/api/rooms/${room.roomId}/tickets`, { method: 'POST', token: room.tokens.observer });
      expect(res.status).toBe(201);
      return ((await res.json()) as { ticket: string }).ticket;
    };
    const forRoom = await buy();
    const forPanel = await buy();

    const replaced = await api(`/api/rooms/${room.roomId}/links/observer`, {
      method: 'POST',
      token: room.tokens.interviewer,
    });
    expect(replaced.status).toBe(200);

    const upgrade = (path: string, ticket: string) =>
      exports.default.fetch(`http://codesync.test/api/rooms/${room.roomId}/${path}?ticket=${ticket}&events=1`, {
        headers: { upgrade: 'websocket' },
      });
    const roomSocket = await upgrade('ws', forRoom);
    roomSocket.webSocket?.accept();
    roomSocket.webSocket?.close(1000, 'test');
    expect(roomSocket.status).toBe(401);
    const panelSocket = await upgrade('panel', forPanel);
    panelSocket.webSocket?.accept();
    panelSocket.webSocket?.close(1000, 'test');
    expect(panelSocket.status).toBe(401);
  });

  it('[AUTH6] only the interviewer may replace links; a role that does not exist is named', async () => {
    const room = await createRoom();
    for (const role of ['candidate', 'observer'] as const) {
      const res = await api(`/api/rooms/${room.roomId}/links/observer`, { method: 'POST', token: room.tokens[role] });
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/Only the interviewer can replace/);
    }
    const bad = await api(`/api/rooms/${room.roomId}/links/admin`, { method: 'POST', token: room.tokens.interviewer });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/role: must be one of interviewer, candidate, observer/);
    // Nothing changed.
    expect((await api(`/api/rooms/${room.roomId}`, { token: room.tokens.observer })).status).toBe(200);
  });
});
