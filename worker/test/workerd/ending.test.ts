import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileByPath } from '../../src/room/doc';
import { CLOSE_CODES } from '../../src/room/messages';
import { snapshotKey } from '../../src/room/roomDocument';
import { api, createRoom, Peer, until } from './support';

describe('ending a room', () => {
  it('[DUR4][ROLE5] closes every socket with the app code, marks D1 ended, and leaves the final snapshot in R2', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { events: false });
    candidate.edit('main.py', 0, 'final\n');
    await until(() => observer.text().startsWith('final'), 'the edit to spread');

    const res = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(res.status).toBe(200);

    for (const peer of [candidate, observer]) {
      const closed = await until(() => peer.closed ?? undefined, 'the close');
      expect(closed).toEqual({ code: CLOSE_CODES.roomEnded, reason: 'The interviewer ended the interview.' });
    }
    expect(candidate.messages.some((m) => m.type === 'room' && m.room.status === 'ended')).toBe(true);
    const row = await env.DB.prepare('SELECT status, ended_at FROM rooms WHERE id = ?').bind(room.roomId).first();
    expect(row?.status).toBe('ended');
    expect(typeof row?.ended_at).toBe('number');
    const object = await env.SNAPSHOTS.get(snapshotKey(room.roomId));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await (object as R2ObjectBody).arrayBuffer()));
    expect(fileByPath(doc, 'main.py')?.text.toString()).toMatch(/^final\n/);
  });

  it('[ROLE6] afterwards peers may connect and read, but no write is accepted, even the interviewer', async () => {
    const room = await createRoom();
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const info = await (await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate })).json();
    expect(info).toMatchObject({ status: 'ended' });

    for (const role of ['interviewer', 'candidate'] as const) {
      const peer = await Peer.connect(room.roomId, room.tokens[role]);
      expect(peer.text()).toContain('Hello, CodeSync');
      peer.edit('main.py', 0, 'late\n');
      await until(() => peer.errors().includes('read_only'), 'the refusal');
      peer.close();
    }
    const files = await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer })).text();
    expect(files).not.toContain('late');
  });

  it('[ROLE5] ending twice is harmless', async () => {
    const room = await createRoom();
    const first = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const second = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
  });
});
