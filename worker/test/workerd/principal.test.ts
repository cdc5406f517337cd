/**
 * The room trusts only the principal the worker hands it (auth/principal.ts): a
 * request that reaches the room's object without one is refused, and a client cannot
 * bring its own.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER } from '../../src/auth/principal';
import { BASE, createRoom, Peer, until } from './support';

describe('the principal', () => {
  it('[AUTH5] the room refuses a socket that comes without a verified principal, even with a valid token', async () => {
    const room = await createRoom();
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const url = `http://codesync.test/api/rooms/${room.roomId}/ws?token=${room.tokens.interviewer}`;
    const bare = await stub.fetch(url, { headers: { upgrade: 'websocket' } });
    expect(bare.status).toBe(401);
    expect(bare.webSocket).toBeNull();
    // Through the worker the same token is verified and the room lets it in.
    const peer = await Peer.connect(room.roomId, room.tokens.interviewer);
    peer.close();
  });

  it('[AUTH5] a principal a client sends is replaced by the one its token proves', async () => {
    const room = await createRoom();
    const res = await exports.default.fetch(
      `${BASE}/api/rooms/${room.roomId}/ws?token=${room.tokens.observer}&events=1`,
      {
        headers: { upgrade: 'websocket', [PRINCIPAL_HEADER]: JSON.stringify({ kind: 'link', role: 'interviewer' }) },
      },
    );
    const ws = res.webSocket;
    if (!ws) throw new Error(`upgrade refused: ${res.status}`);
    const texts: string[] = [];
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') texts.push(event.data);
    });
    ws.accept();
    const hello = await until(
      () => texts.map((t) => JSON.parse(t) as { type: string; you?: { role: string } }).find((m) => m.type === 'hello'),
      'hello',
    );
    expect(hello.you?.role).toBe('observer');
    ws.close();
  });
});
