/**
 * Integrity signals: the candidate's browser reports them, the server stamps and keeps
 * them, the panel hears them live, and nobody else can report or read them.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNALS_PER_ROOM, PASTE_SIGNAL_MIN_CHARS, SIGNAL_BURST } from '../../../src/limits';
import { api, type CreatedRoom, createRoom, Peer, until } from '../support';
import { PanelPeer } from './panelPeer';

const report = (room: CreatedRoom, body: unknown, role: 'candidate' | 'interviewer' | 'observer' = 'candidate') =>
  api(`/api/rooms/${room.roomId}/signals`, { method: 'POST', token: room.tokens[role], body: JSON.stringify(body) });

const paste = { kind: 'paste', chars: PASTE_SIGNAL_MIN_CHARS, file: 'main.py' };

describe('reporting', () => {
  it('[PANEL7] the candidate reports a paste and a tab switch; the server stamps the time and the role', async () => {
    const room = await createRoom();
    const before = Date.now();
    expect((await report(room, paste)).status).toBe(204);
    expect((await report(room, { kind: 'focus', state: 'left' })).status).toBe(204);
    const res = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens.observer });
    const { signals } = (await res.json()) as { signals: { at: number }[] };
    expect(signals).toEqual([
      { ...paste, seq: 1, at: expect.any(Number), by: { role: 'candidate' } },
      { kind: 'focus', state: 'left', seq: 2, at: expect.any(Number), by: { role: 'candidate' } },
    ]);
    expect(signals[0]?.at).toBeGreaterThanOrEqual(before);
  });

  it('[PANEL7] refuses a body off the schema, naming the field: the pasted text itself, a small paste, a claimed time or role', async () => {
    const room = await createRoom();
    const cases: [unknown, string][] = [
      [{ ...paste, text: 'def solve(): ...' }, 'text'],
      [{ ...paste, chars: PASTE_SIGNAL_MIN_CHARS - 1 }, 'chars'],
      [{ ...paste, file: '' }, 'file'],
      [{ kind: 'focus', state: 'left', at: 1 }, 'at'],
      [{ kind: 'focus', state: 'left', by: { role: 'interviewer' } }, 'by'],
      [{ kind: 'focus', state: 'away' }, 'state'],
      [{ kind: 'keystrokes' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await report(room, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(field);
    }
    const res = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens.interviewer });
    expect(((await res.json()) as { signals: unknown[] }).signals).toEqual([]);
  });

  it('[PANEL7] once the interview has ended, a signal is refused (room_ended) and the record keeps only those from during it', async () => {
    const room = await createRoom();
    expect((await report(room, { kind: 'focus', state: 'left' })).status).toBe(204);
    const ended = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(ended.status).toBe(200);
    // The candidate's tab is still open: leaving it, or a forged paste, after the end.
    const late = await report(room, paste);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('room_ended');
    expect((await report(room, { kind: 'focus', state: 'returned' })).status).toBe(409);
    const res = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens.interviewer });
    const { signals } = (await res.json()) as { signals: { kind: string }[] };
    expect(signals.map((s) => s.kind)).toEqual(['focus']);
  });

  it('[PANEL7] only the candidate’s token reports: the interviewer and observers get 403, a bad token 401', async () => {
    const room = await createRoom();
    for (const role of ['interviewer', 'observer'] as const) {
      const res = await report(room, paste, role);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        `You joined as ${role}. Only the candidate's browser reports integrity signals.`,
      );
    }
    const forged = await api(`/api/rooms/${room.roomId}/signals`, {
      method: 'POST',
      token: 'x'.repeat(43),
      body: JSON.stringify(paste),
    });
    expect(forged.status).toBe(401);
  });

  it(`[PANEL7] past ${SIGNAL_BURST} signals at once the room answers 429 with Retry-After`, async () => {
    const room = await createRoom();
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < SIGNAL_BURST + 5 && !limited; i++) {
      const res = await report(room, { kind: 'focus', state: i % 2 ? 'returned' : 'left' });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, SIGNAL_BURST).every((s) => s === 204)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it(`[PANEL7] a room keeps at most ${MAX_SIGNALS_PER_ROOM} signals; the next is refused 429`, async () => {
    const room = await createRoom();
    expect((await report(room, { kind: 'focus', state: 'left' })).status).toBe(204);
    // Filling the table directly: the rate limit would take an hour through the route.
    await runInDurableObject(env.PANEL.get(env.PANEL.idFromName(room.roomId)), (_i, state) => {
      for (let i = 1; i < MAX_SIGNALS_PER_ROOM; i++) {
        state.storage.sql.exec('INSERT INTO signals (at, data) VALUES (?, ?)', i, '{"kind":"focus","state":"left"}');
      }
    });
    const res = await report(room, { kind: 'focus', state: 'returned' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      String(MAX_SIGNALS_PER_ROOM),
    );
  });
});

describe('hearing', () => {
  it('[PANEL8] a signal reaches every panel socket live and is listed on connect; the candidate gets an empty 204 and nothing on its socket', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const heard: string[] = [];
    candidate.ws.addEventListener('message', (e) => heard.push(typeof e.data === 'string' ? e.data : ''));
    const interviewer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const observer = await PanelPeer.connect(room.roomId, room.tokens.observer);
    const res = await report(room, { ...paste, file: 'SECRET-FILE.py' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    for (const panel of [interviewer, observer]) {
      await until(
        () =>
          panel.messages.find((m) => m.type === 'signal' && 'file' in m.signal && m.signal.file === 'SECRET-FILE.py'),
        'the live signal',
      );
    }
    const late = await PanelPeer.connect(room.roomId, room.tokens.observer);
    const listed = late.messages.find((m) => m.type === 'signals');
    expect(listed?.type === 'signals' && listed.signals.length).toBe(1);
    // The candidate's own edit comes back around after anything sent before it.
    candidate.edit('main.py', 0, '#');
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer);
    await until(() => watcher.text().startsWith('#'), 'the edit');
    expect(heard.join('\n')).not.toContain('SECRET-FILE');
  });
});
