/**
 * Attacks over HTTP and the socket, inside workerd: an attacker who holds one room
 * link (usually an observer's) or none, and can shape every header and query.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER } from '../../src/auth/principal';
import { api, BASE, createRoom, Peer, until } from './support';

describe('attacks on authentication', () => {
  it('[AUTH5] a client-sent principal header is replaced by the verified one', async () => {
    const room = await createRoom();
    const forged = JSON.stringify({ kind: 'link', role: 'interviewer' });
    // With an observer token: still an observer, refused when it writes.
    const query = new URLSearchParams({ token: room.tokens.observer, name: 'spy', events: '1' });
    const res = await exports.default.fetch(`${BASE}/api/rooms/${room.roomId}/ws?${query}`, {
      headers: { upgrade: 'websocket', [PRINCIPAL_HEADER]: forged },
    });
    expect(res.status).toBe(101);
    res.webSocket?.accept();
    const messages: { type: string; you?: { role: string } }[] = [];
    res.webSocket?.addEventListener('message', (e) => {
      if (typeof e.data === 'string') messages.push(JSON.parse(e.data));
    });
    await until(() => messages.find((m) => m.type === 'hello'), 'hello');
    expect(messages.find((m) => m.type === 'hello')?.you?.role).toBe('observer');
    res.webSocket?.close(1000, 'bye');
    // Without any token: refused before the room is reached.
    const none = await exports.default.fetch(`${BASE}/api/rooms/${room.roomId}/ws?name=x`, {
      headers: { upgrade: 'websocket', [PRINCIPAL_HEADER]: forged },
    });
    expect(none.status).toBe(401);
    // Over HTTP the header means nothing either.
    const end = await api(`/api/rooms/${room.roomId}/end`, {
      method: 'POST',
      token: room.tokens.observer,
      headers: { [PRINCIPAL_HEADER]: forged },
    });
    expect(end.status).toBe(403);
  });

  it.each([
    ['GET', '/history'],
    ['GET', '/files'],
    ['GET', ''],
    ['POST', '/end'],
    ['POST', '/runs'],
  ])('[AUTH3] ?token= is not taken on HTTP %s %s', async (method, path) => {
    const room = await createRoom();
    const res = await api(`/api/rooms/${room.roomId}${path}?token=${room.tokens.interviewer}`, {
      method,
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(401);
  });

  it('[AUTH5] an unknown room id is 404 on every route, socket included, without a token check', async () => {
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    const room = await createRoom();
    for (const path of ['', '/files', '/history']) {
      expect((await api(`/api/rooms/${unknown}${path}`, { token: room.tokens.interviewer })).status).toBe(404);
    }
    const ws = await Peer.upgrade(unknown, room.tokens.interviewer);
    expect(ws.status).toBe(404);
  });
});

describe('attacks on history', () => {
  it('[ROLE4] a candidate gets 403 on history whatever the range, and observers get 200', async () => {
    const room = await createRoom();
    for (const query of ['', '?from=0', '?from=0&to=999999999']) {
      const res = await api(`/api/rooms/${room.roomId}/history${query}`, { token: room.tokens.candidate });
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain('update');
    }
    expect((await api(`/api/rooms/${room.roomId}/history`, { token: room.tokens.observer })).status).toBe(200);
  });

  it('[HIST4] an observer cannot add to history: a refused write stores nothing', async () => {
    const room = await createRoom();
    const spy = await Peer.connect(room.roomId, room.tokens.observer);
    for (let i = 0; i < 20; i++) spy.edit('main.py', 0, 'x');
    await until(() => spy.errors().includes('read_only'), 'the refusal');
    const res = await api(`/api/rooms/${room.roomId}/history`, { token: room.tokens.interviewer });
    const { updates } = (await res.json()) as { updates: { count: number } };
    expect(updates.count).toBe(1); // the seed
    spy.close();
  });
});

describe('attacks on configuration', () => {
  it('[CFG1] a forged Host or X-Forwarded-Host changes no link', async () => {
    const res = await exports.default.fetch(`${BASE}/api/rooms`, {
      method: 'POST',
      body: '{}',
      headers: {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        'cf-connecting-ip': '127.9.9.9',
      },
    });
    expect(res.status).toBe(201);
    const { links } = (await res.json()) as { links: Record<string, string> };
    for (const link of Object.values(links)) expect(link.startsWith('http://codesync.test/r/')).toBe(true);
    expect(JSON.stringify(links)).not.toContain('evil');
  });
});
