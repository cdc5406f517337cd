/**
 * Audiences: a message meant for some roles never reaches a socket of another role.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createRoom, Peer, until } from './support';

describe('audiences', () => {
  it('[AUD1] a message for the interviewer and observers never reaches the candidate', async () => {
    const room = await createRoom();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const secret = {
      type: 'room' as const,
      room: {
        roomId: 'private-note',
        title: 'hidden',
        language: 'python',
        status: 'active' as const,
        createdAt: 0,
        endedAt: null,
        questionId: null,
        endsAt: null,
      },
    };
    await stub.announce(secret, { to: 'roles', roles: ['interviewer', 'observer'] });
    // Then something for everyone: once the candidate has it, the private one would have come first.
    await stub.announce({ type: 'presence', peers: [] }, { to: 'everyone' });
    const has = (p: Peer, title: string) => p.messages.some((m) => m.type === 'room' && m.room.title === title);
    await until(() => has(interviewer, 'hidden') && has(observer, 'hidden'), 'the private message');
    await until(() => candidate.messages.some((m) => m.type === 'presence' && m.peers.length === 0), 'the public one');
    expect(has(candidate, 'hidden')).toBe(false);
  });
});
