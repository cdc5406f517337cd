import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERN } from '../../src/auth/tokens';
import { api, createRoom } from './support';

describe('POST /api/rooms', () => {
  it('[AUTH1] creates a room with three role links that carry the token in the fragment', async () => {
    const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify({ title: 'Backend', language: 'go' }) });
    expect(res.status).toBe(201);
    const room = (await res.json()) as {
      roomId: string;
      links: Record<string, string>;
      tokens: Record<string, string>;
    };
    expect(room.roomId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const role of ['interviewer', 'candidate', 'observer']) {
      expect(room.tokens[role]).toMatch(TOKEN_PATTERN);
      expect(room.links[role]).toBe(`http://codesync.test/r/${room.roomId}#token=${room.tokens[role]}`);
    }
    expect(new Set(Object.values(room.tokens)).size).toBe(3);
  });

  it('[AUTH2] stores only hashes of the tokens in D1', async () => {
    const room = await createRoom();
    const row = await env.DB.prepare('SELECT * FROM rooms WHERE id = ?')
      .bind(room.roomId)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ status: 'active', language: 'python', title: 'Untitled interview' });
    const stored = JSON.stringify(row);
    for (const token of Object.values(room.tokens)) expect(stored).not.toContain(token);
    expect(row?.interviewer_token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('[DOC6] seeds the entry file of the room language, once, on the server', async () => {
    const room = await createRoom({ language: 'java' });
    const res = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer });
    expect(res.status).toBe(200);
    const { files } = (await res.json()) as { files: { path: string; content: string }[] };
    expect(files).toHaveLength(1);
    expect(files[0]?.path).toBe('Main.java');
    expect(files[0]?.content).toContain('public class Main');
  });

  it.each([
    [{ language: 'cobol' }, 'language: must be one of python, javascript'],
    [{ title: 'x'.repeat(121) }, 'title:'],
    [{ title: 42 }, 'title:'],
  ])('[LIM7] refuses %j naming the field', async (body, message) => {
    const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(message);
  });

  it('[REF1] refuses a body that is not JSON', async () => {
    const res = await api('/api/rooms', { method: 'POST', body: '{"title":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_json', message: 'The request body is not valid JSON.' } });
  });
});

describe('GET /api/rooms/:roomId', () => {
  it('[ROLE1] answers title, status, language, creation time and who is online, with the caller role', async () => {
    const room = await createRoom({ title: 'Pairing' });
    const res = await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      roomId: room.roomId,
      title: 'Pairing',
      status: 'active',
      language: 'python',
      online: [],
    });
    expect(body.you).toEqual({ role: 'candidate' });
    expect(typeof body.createdAt).toBe('number');
    expect(JSON.stringify(body)).not.toMatch(/hash/);
  });

  it('[AUTH3] takes a token from the Authorization header only, never from the query (it would reach logs)', async () => {
    const room = await createRoom();
    expect((await api(`/api/rooms/${room.roomId}?token=${room.tokens.observer}`)).status).toBe(401);
    expect((await api(`/api/rooms/${room.roomId}`, { token: room.tokens.observer })).status).toBe(200);
  });

  it('[AUTH5] answers 401 JSON without a token, with a wrong one, or with another room token', async () => {
    const room = await createRoom();
    const other = await createRoom();
    for (const token of [undefined, 'nope', other.tokens.interviewer]) {
      const res = await api(`/api/rooms/${room.roomId}`, { token });
      expect(res.status).toBe(401);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toMatch(/not valid for this room/);
    }
  });

  it('[AUTH5] answers 404 JSON for an unknown or malformed room id', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'x'.repeat(40)]) {
      const res = await api(`/api/rooms/${id}`, { token: 'a'.repeat(43) });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});

describe('the rest of the API', () => {
  it('serves /health', async () => {
    expect(await (await api('/health')).json()).toEqual({ ok: true });
  });

  it('[REF1] answers an unknown route with 404 JSON naming it', async () => {
    const res = await api('/api/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'no_route', message: 'No route for GET /api/nothing.' } });
  });

  it('[REF1] answers 426 to a plain GET of the WebSocket endpoint', async () => {
    const room = await createRoom();
    const res = await api(`/api/rooms/${room.roomId}/ws?token=${room.tokens.candidate}`);
    expect(res.status).toBe(426);
  });
});
