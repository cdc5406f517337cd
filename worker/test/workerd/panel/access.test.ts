/**
 * The panel's socket and record: who may open them, live co-editing, and that none of
 * it reaches the room's shared doc or a candidate.
 */
import {
  abortAllDurableObjects,
  listDurableObjectIds,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LOG_COMPACT_ROWS } from '../../../src/limits';
import { readScorecard } from '../../../src/panel/panelDoc';
import { api, createRoom, Peer, until } from '../support';
import { PanelPeer } from './panelPeer';

const panelStub = (roomId: string) => env.PANEL.get(env.PANEL.idFromName(roomId));

describe('who may open the panel', () => {
  it('[PANEL1] a candidate gets 403 on the panel socket and its record, without waking the panel object', async () => {
    const room = await createRoom();
    const socket = await PanelPeer.upgrade(room.roomId, room.tokens.candidate);
    expect(socket.status).toBe(403);
    expect(socket.webSocket).toBeNull();
    const record = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens.candidate });
    expect(record.status).toBe(403);
    expect(await record.json()).toEqual({
      error: {
        code: 'forbidden',
        message: 'You joined as candidate. Only the interviewer and observers can see this.',
      },
    });
    // Refused before the object was woken: it was never created.
    const id = env.PANEL.idFromName(room.roomId);
    expect((await listDurableObjectIds(env.PANEL)).some((other) => other.equals(id))).toBe(false);
  });

  it('[PANEL1] a candidate ticket does not open the panel socket either', async () => {
    const room = await createRoom();
    const bought = await api(`/api/rooms/${room.roomId}/tickets`, { method: 'POST', token: room.tokens.candidate });
    const { ticket } = (await bought.json()) as { ticket: string };
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch(`http://codesync.test/api/rooms/${room.roomId}/panel?ticket=${ticket}`, {
      headers: { upgrade: 'websocket' },
    });
    expect(res.status).toBe(403);
  });

  it('[PANEL1] an unknown token is 401 and an unknown room 404', async () => {
    const room = await createRoom();
    expect((await PanelPeer.upgrade(room.roomId, 'x'.repeat(43))).status).toBe(401);
    expect((await PanelPeer.upgrade('A'.repeat(22), room.tokens.interviewer)).status).toBe(404);
  });

  it('[PANEL1] the interviewer and an observer open the panel and read its record', async () => {
    const room = await createRoom();
    for (const role of ['interviewer', 'observer'] as const) {
      const peer = await PanelPeer.connect(room.roomId, room.tokens[role]);
      expect(peer.messages).toContainEqual({ type: 'signals', signals: [] });
      peer.close();
      const res = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens[role] });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ notes: '', signals: [] });
    }
  });

  it('[PANEL14] replacing the observer link closes the panel sockets opened with the old one; the interviewer’s stays', async () => {
    const room = await createRoom();
    const observer = await PanelPeer.connect(room.roomId, room.tokens.observer);
    const interviewer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const res = await api(`/api/rooms/${room.roomId}/links/observer`, {
      method: 'POST',
      token: room.tokens.interviewer,
    });
    expect(res.status).toBe(200);
    const closed = await until(() => observer.closed, 'the old observer’s panel socket to close');
    expect(closed.code).toBe(4003);
    interviewer.doc.getText('notes').insert(0, 'after the revocation');
    await until(async () => (await panelStub(room.roomId).record()).notes, 'the note stored');
    expect(observer.notes()).toBe('');
    expect(interviewer.closed).toBeNull();
    expect((await PanelPeer.upgrade(room.roomId, room.tokens.observer)).status).toBe(401);
  });
});

describe('notes, co-edited', () => {
  it('[PANEL2] the interviewer and an observer co-edit notes live; the room and its candidate never see them', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const heardByCandidate: string[] = [];
    candidate.ws.addEventListener('message', (event) => {
      heardByCandidate.push(typeof event.data === 'string' ? event.data : '(binary)');
    });
    const binaries: Uint8Array[] = [];
    candidate.doc.on('update', (update: Uint8Array) => binaries.push(update));
    const interviewer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const observer = await PanelPeer.connect(room.roomId, room.tokens.observer);
    interviewer.doc.getText('notes').insert(0, 'SECRET-NOTE strong on graphs');
    await until(() => observer.notes().includes('SECRET-NOTE'), 'the note to reach the observer');
    observer.doc.getText('notes').insert(0, 'obs: ');
    await until(
      () => interviewer.notes().startsWith('obs: SECRET-NOTE'),
      'the observer’s edit to reach the interviewer',
    );

    // Give the candidate's socket a message after the notes, so anything sent before it has arrived.
    candidate.edit('main.py', 0, '#');
    await until(() => binaries.length > 0 || candidate.text().startsWith('#'), 'the candidate’s own edit');
    const room2 = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.interviewer });
    expect(JSON.stringify(await room2.json())).not.toContain('SECRET-NOTE');
    expect(heardByCandidate.join('\n')).not.toContain('SECRET-NOTE');
    expect(candidate.doc.share.has('notes')).toBe(false);
    expect(new TextDecoder().decode(Y_concat(binaries))).not.toContain('SECRET-NOTE');
    candidate.close();
    interviewer.close();
    observer.close();
  });

  it('[PANEL6] what the panel wrote survives a restart of every object, and the log compacts', async () => {
    const room = await createRoom();
    const a = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const b = await PanelPeer.connect(room.roomId, room.tokens.observer);
    const edits = LOG_COMPACT_ROWS + 10;
    for (let i = 0; i < edits; i++) a.doc.getText('notes').insert(0, `${i % 10}`);
    a.doc.getMap('ratings').set('communication', 4);
    await until(
      () => b.notes().length === edits && b.doc.getMap('ratings').get('communication') === 4,
      () => `b to catch up: ${b.notes().length} ${JSON.stringify([a.closed, a.errors(), b.closed])}`,
    );
    const rows = await runInDurableObject(panelStub(room.roomId), (_i, state) => ({
      updates: state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates').one().n,
      snapshots: state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM doc_snapshot').one().n,
    }));
    expect(rows.snapshots).toBe(1);
    expect(rows.updates).toBeLessThan(LOG_COMPACT_ROWS);
    await abortAllDurableObjects();
    const again = await PanelPeer.connect(room.roomId, room.tokens.observer);
    expect(again.notes()).toBe(a.notes());
    expect(readScorecard(again.doc).criteria.find((c) => c.id === 'communication')?.rating).toBe(4);
    const record = await panelStub(room.roomId).record();
    expect(record.notes).toBe(a.notes());
  });
});

describe('retention', () => {
  it('[PANEL13] when the room is deleted, its notes, scorecard and signals go too, and panel sockets are closed', async () => {
    const room = await createRoom();
    const peer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    peer.doc.getText('notes').insert(0, 'to be deleted');
    await until(async () => (await panelStub(room.roomId).record()).notes, 'the note stored');
    const signalled = await api(`/api/rooms/${room.roomId}/signals`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: JSON.stringify({ kind: 'focus', state: 'left' }),
    });
    expect(signalled.status).toBe(204);
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const roomStub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    await runInDurableObject(roomStub, (_i, state) => {
      state.storage.sql.exec('UPDATE room_meta SET delete_at = ? WHERE id = 1', Date.now() - 1);
    });
    await runDurableObjectAlarm(roomStub);
    const closed = await until(() => peer.closed, 'the panel socket to close');
    expect(closed.code).toBe(4001);
    const tables = await runInDurableObject(panelStub(room.roomId), (_i, state) =>
      state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'",
        )
        .toArray(),
    );
    expect(tables).toEqual([]);
    expect((await PanelPeer.upgrade(room.roomId, room.tokens.interviewer)).status).toBe(410);
  });
});

describe('the record', () => {
  it('[PANEL9] record() answers the notes as text, the scorecard and the signals', async () => {
    const room = await createRoom();
    const a = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    a.doc.getText('notes').insert(0, 'hello notes');
    a.doc.getText('summary').insert(0, 'Hire.');
    a.doc.getMap('ratings').set('testing', 2);
    a.doc.getMap('scorecard').set('recommendation', 'yes');
    const report = { kind: 'focus', state: 'left' };
    expect(
      (
        await api(`/api/rooms/${room.roomId}/signals`, {
          method: 'POST',
          token: room.tokens.candidate,
          body: JSON.stringify(report),
        })
      ).status,
    ).toBe(204);
    const record = await until(async () => {
      const r = await panelStub(room.roomId).record();
      return r.scorecard.recommendation === 'yes' && r.signals.length === 1 && r;
    }, 'the record to hold everything');
    expect(record).toEqual({
      notes: 'hello notes',
      scorecard: {
        criteria: [
          { id: 'problem_solving', name: 'Problem solving', rating: null },
          { id: 'code_quality', name: 'Code quality', rating: null },
          { id: 'communication', name: 'Communication', rating: null },
          { id: 'testing', name: 'Testing', rating: 2 },
        ],
        recommendation: 'yes',
        summary: 'Hire.',
      },
      signals: [{ seq: 1, at: expect.any(Number), by: { role: 'candidate' }, kind: 'focus', state: 'left' }],
    });
  });
});

function Y_concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
