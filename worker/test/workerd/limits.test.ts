/**
 * Each limit in src/limits.ts, just past its bound.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  MAX_CONNECTIONS_PER_ROOM,
  MAX_FILE_BYTES,
  MAX_FRAME_BYTES,
  MAX_HTTP_BODY_BYTES,
  MAX_NAME_CHARS,
  MESSAGE_BURST,
  MESSAGES_PER_SECOND,
  ROOMS_PER_CLIENT_PER_MINUTE,
} from '../../src/limits';
import { CLOSE_CODES } from '../../src/room/messages';
import { api, createRoom, Peer, until } from './support';

async function contentLength(roomId: string, token: string): Promise<number> {
  const res = await api(`/api/rooms/${roomId}/files`, { token });
  const { files } = (await res.json()) as { files: { content: string }[] };
  return files.reduce((sum, f) => sum + f.content.length, 0);
}

describe('limits', () => {
  it(`[LIM1] closes a connection that sends a frame over ${MAX_FRAME_BYTES} bytes, and the room carries on`, async () => {
    const room = await createRoom();
    const big = await Peer.connect(room.roomId, room.tokens.candidate);
    const other = await Peer.connect(room.roomId, room.tokens.interviewer);
    big.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    const closed = await until(() => big.closed ?? undefined, 'the close');
    expect(closed.code).toBe(CLOSE_CODES.frameTooLarge);
    expect(closed.reason).toContain(`over ${MAX_FRAME_BYTES}`);
    other.edit('main.py', 0, 'still fine\n');
    await until(async () => (await contentLength(room.roomId, room.tokens.observer)) > 30, 'the other edit');
  });

  it(`[LIM9] refuses, in words, a change that would make a file larger than Run takes (${MAX_FILE_BYTES} bytes); the room carries on`, async () => {
    const room = await createRoom();
    const author = await Peer.connect(room.roomId, room.tokens.candidate);
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer);
    const chunk = 'a'.repeat(Math.floor(MAX_FILE_BYTES * 0.6));
    author.edit('main.py', 0, chunk);
    await until(() => watcher.text().length >= chunk.length, 'the chunk to arrive', 12_000);
    author.edit('main.py', 0, chunk);
    await until(() => author.errors().includes('doc_too_large'), 'the refusal', 12_000);
    const refusal = author.messages.find((m) => m.type === 'error');
    expect(refusal).toMatchObject({ message: expect.stringContaining('a file can hold at most 256 KB') });
    expect(await contentLength(room.roomId, room.tokens.observer)).toBeLessThan(2 * chunk.length);
    // Someone else's edit still reaches everyone: the room is not frozen.
    watcher.edit('main.py', 0, 'ok\n');
    await until(async () => (await contentLength(room.roomId, room.tokens.observer)) > chunk.length + 2, 'the edit');
  }, 30_000);

  it('[LIM8] closes a connection that sends a malformed frame, naming why; the room is unharmed', async () => {
    const room = await createRoom();
    const bad = await Peer.connect(room.roomId, room.tokens.candidate);
    const good = await Peer.connect(room.roomId, room.tokens.interviewer);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // sync
    encoding.writeVarUint(encoder, 2); // update
    encoding.writeVarUint8Array(encoder, new Uint8Array([9, 9, 9, 9, 9, 9])); // not an update
    bad.send(encoding.toUint8Array(encoder));
    const closed = await until(() => bad.closed ?? undefined, 'the close');
    expect(closed.code).toBe(CLOSE_CODES.badFrame);
    expect(closed.reason.length).toBeGreaterThan(5);

    const unknown = await Peer.connect(room.roomId, room.tokens.candidate);
    unknown.send(new Uint8Array([42]));
    expect((await until(() => unknown.closed ?? undefined, 'the close')).reason).toBe('unknown message type 42');

    good.edit('main.py', 0, 'ok\n');
    const fresh = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => fresh.text().startsWith('ok\n'), 'a fresh peer to see the good edit');
  });

  it(`[LIM3] accepts ${MAX_CONNECTIONS_PER_ROOM} connections and refuses the next before upgrade with 429`, async () => {
    const room = await createRoom();
    const sockets: WebSocket[] = [];
    // Candidates: observers stop RESERVED_SEATS earlier (attacks/abuse.test.ts).
    for (let i = 0; i < MAX_CONNECTIONS_PER_ROOM; i++) {
      const res = await Peer.upgrade(room.roomId, room.tokens.candidate, { events: false });
      expect(res.status).toBe(101);
      res.webSocket?.accept();
      sockets.push(res.webSocket as WebSocket);
    }
    const refused = await Peer.upgrade(room.roomId, room.tokens.interviewer);
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('room_full');
    expect(error.message).toContain(`This room is full: it seats ${MAX_CONNECTIONS_PER_ROOM} connections at once.`);
    for (const ws of sockets) ws.close(1000, 'done');
  });

  it(`[LIM4] lets one client create ${ROOMS_PER_CLIENT_PER_MINUTE} rooms a minute, then 429 with Retry-After`, async () => {
    const ip = '127.0.2.77';
    for (let i = 0; i < ROOMS_PER_CLIENT_PER_MINUTE; i++) await createRoom({}, ip);
    const res = await api('/api/rooms', { method: 'POST', ip });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Try again in');
    // Another client is not affected.
    expect((await api('/api/rooms', { method: 'POST', ip: '127.0.2.78' })).status).toBe(201);
  });

  it(`[LIM5] closes a connection that floods past ${MESSAGE_BURST} messages at once, and the room carries on`, async () => {
    const room = await createRoom();
    const flood = await Peer.connect(room.roomId, room.tokens.observer);
    const calm = await Peer.connect(room.roomId, room.tokens.candidate);
    // Query-awareness frames: the cheapest message there is. The bucket refills while the
    // room reads (MESSAGES_PER_SECOND): past the burst by five seconds' worth, the flood
    // overflows it unless reading 900 tiny frames takes the room five seconds.
    for (let i = 0; i < MESSAGE_BURST + 5 * MESSAGES_PER_SECOND; i++) flood.send(new Uint8Array([3]));
    const closed = await until(() => flood.closed ?? undefined, 'the close');
    expect(closed).toEqual({
      code: CLOSE_CODES.tooManyMessages,
      reason: `more than ${MESSAGES_PER_SECOND} messages a second`,
    });
    calm.edit('main.py', 0, 'calm\n');
    const fresh = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => fresh.text().startsWith('calm\n'), 'the calm edit');
  });

  it(`[LIM6] refuses a request body over ${MAX_HTTP_BODY_BYTES} bytes with 413`, async () => {
    const res = await api('/api/rooms', {
      method: 'POST',
      body: JSON.stringify({ title: 'x'.repeat(MAX_HTTP_BODY_BYTES) }),
    });
    expect(res.status).toBe(413);
  });

  it(`[LIM7] refuses a display name over ${MAX_NAME_CHARS} characters before upgrade`, async () => {
    const room = await createRoom();
    const res = await Peer.upgrade(room.roomId, room.tokens.candidate, { name: 'n'.repeat(MAX_NAME_CHARS + 1) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`name: must be at most ${MAX_NAME_CHARS} characters`);
  });

  it(`[LIM7] counts a display name's characters as people see them: ${MAX_NAME_CHARS} emoji join, one more is refused saying how it counts`, async () => {
    const room = await createRoom();
    const joined = async (name: string) => {
      const peer = await Peer.connect(room.roomId, room.tokens.candidate, { name, events: true });
      const said = await until(() => peer.messages.find((m) => m.type === 'hello'), 'hello');
      peer.close();
      return (said as { you: { name: string } }).you.name;
    };
    for (const one of ['😀', '👩\u200d💻', '🇫🇷', 'e\u0301']) {
      const name = one.repeat(MAX_NAME_CHARS);
      expect(await joined(name)).toBe(name);
      const res = await Peer.upgrade(room.roomId, room.tokens.candidate, { name: `${name}${one}` });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(
        `name: must be at most ${MAX_NAME_CHARS} characters, counted as they show (an emoji or an accented letter is one)`,
      );
    }
  });

  it('[LIM16] a display name loses its control and text-direction characters: others see it as it reads', async () => {
    const room = await createRoom();
    const hello = async (name: string) => {
      const peer = await Peer.connect(room.roomId, room.tokens.candidate, { name, events: true });
      const said = await until(() => peer.messages.find((m) => m.type === 'hello'), 'hello');
      peer.close();
      return (said as { you: { name: string } }).you.name;
    };
    // U+202E would show what follows it reversed: "Cara" and then "regulator".
    expect(await hello('Cara\u202erotaluger\u2066')).toBe('Cararotaluger');
    expect(await hello('\u200f\u202a\u2069')).toBe('Guest');
    expect(await hello('Zoë 👩\u200d💻')).toBe('Zoë 👩\u200d💻'); // joiners stay: emoji need them
    // Invisible characters go too; a name with nothing left to see is no name.
    expect(await hello('\u200bCa\u00adra\u2060\ufeff')).toBe('Cara');
    for (const invisible of ['\u200b', ' \u200b \u2060 ', '\u3164\u115f', '\u0301', '\u2800\u180e\u034f']) {
      expect(await hello(invisible), JSON.stringify(invisible)).toBe('Guest');
    }
  });

  it('[AUTH4] refuses a WebSocket with a missing or wrong token before upgrade with 401', async () => {
    const room = await createRoom();
    for (const token of ['', 'x'.repeat(43)]) {
      const res = await Peer.upgrade(room.roomId, token);
      expect(res.status).toBe(401);
      expect(res.webSocket).toBeNull();
    }
  });
});
