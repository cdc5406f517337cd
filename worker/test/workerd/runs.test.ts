/**
 * Runs inside workerd where no executor answers: refusals by role, a visible failure
 * when the executor is unreachable, and callbacks that must be signed. Runs against a
 * real executor are in e2e/runs.test.ts.
 */

import { env, exports } from 'cloudflare:workers';
import { signedHeaders } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/runs/run';
import { runsOf } from './runSupport';
import { api, BASE, createRoom, Peer, until } from './support';

const runMessage = (peer: Peer, type: string) => peer.messages.find((m) => m.type === type);

describe('starting a run', () => {
  it('[ROLE3] an observer is refused, over the socket and over HTTP', async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    observer.ws.send(JSON.stringify({ type: 'run' }));
    await until(() => observer.errors().includes('forbidden'), 'the refusal');
    const res = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.observer,
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(runMessage(observer, 'run.queued')).toBeUndefined();
  });

  it('[RUN10] an unreachable executor fails the run at once, and everyone is told why', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    candidate.ws.send(JSON.stringify({ type: 'run', stdin: '1 2' }));
    const run = await until(() => [...runsOf(interviewer).values()].find((r) => r.state === 'failed'), 'the failure');
    expect(run).toMatchObject({
      state: 'failed',
      error: 'executor_unreachable',
      startedBy: { name: 'Cara', role: 'candidate' },
      path: 'main.py',
      stdin: '1 2',
    });
    expect(run.state === 'failed' && run.message).toMatch(/could not be reached/);
    expect(runMessage(interviewer, 'run.queued')).toBeDefined();

    const detail = await until(async () => {
      const res = await api(`/api/runs/${run.runId}`, { token: room.tokens.observer });
      return res.status === 200 && ((await res.json()) as Run);
    }, 'GET /api/runs/:id');
    expect(detail.state).toBe('failed');
    const row = await env.DB.prepare('SELECT state, error FROM runs WHERE id = ?').bind(run.runId).first();
    expect(row).toEqual({ state: 'failed', error: 'executor_unreachable' });
  });

  it('[RUN11] a late joiner receives the run history', async () => {
    const room = await createRoom();
    const res = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const late = await Peer.connect(room.roomId, room.tokens.observer);
    const history = await until(() => late.messages.find((m) => m.type === 'runs'), 'the history');
    expect(history.type === 'runs' && history.runs.map((r) => r.runId)).toEqual([runId]);
  });

  it('[RUN4] refuses a file that does not exist, and a run in an ended room', async () => {
    const room = await createRoom();
    const missing = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: JSON.stringify({ path: 'nope.py' }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('nope.py');
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const ended = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    expect(ended.status).toBe(409);
  });

  it('[REF2] says what is wrong with a malformed room message', async () => {
    const room = await createRoom();
    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    peer.ws.send('not json');
    peer.ws.send(JSON.stringify({ type: 'dance' }));
    await until(() => peer.errors().filter((e) => e === 'bad_message').length === 2, 'two refusals');
  });

  it('[REF2] a run request with a field it does not know is refused naming the field, over the socket and over HTTP, as a tests request is', async () => {
    const room = await createRoom();
    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    for (const type of ['run', 'tests']) {
      const before = peer.messages.length;
      peer.ws.send(JSON.stringify({ type, extra: 1 }));
      const refusal = await until(
        () => peer.messages.slice(before).find((m) => m.type === 'error' || m.type === 'run.queued'),
        `the answer to ${type}`,
      );
      expect(refusal.type === 'error' && refusal.code, type).toBe('bad_message');
      expect(refusal.type === 'error' && refusal.message, type).toContain('Unrecognized key: "extra"');
    }
    for (const [what, body] of [
      ['runs', { path: 'main.py', extra: 1 }],
      ['tests', { extra: 1 }],
    ] as const) {
      const res = await api(`/api/rooms/${room.roomId}/${what}`, {
        method: 'POST',
        token: room.tokens.candidate,
        body: JSON.stringify(body),
      });
      expect(res.status, what).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, what).toContain(
        'Unrecognized key: "extra"',
      );
    }
    // Nothing was started.
    expect(peer.messages.some((m) => m.type === 'run.queued')).toBe(false);
    peer.close();
  });
});

describe('executor callbacks', () => {
  const event = (roomId: string, runId: string) =>
    JSON.stringify({ jobId: 'j', requestId: `${roomId}:${runId}`, seq: 0, type: 'started' });

  it('[RUN12] a forged or unsigned callback gets 401 and nothing is broadcast', async () => {
    const room = await createRoom();
    const res = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    const { runId } = (await res.json()) as { runId: string };
    const peer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const body = event(room.roomId, runId);
    const target = { method: 'POST', path: `/internal/runs/${runId}/events`, body };
    for (const headers of [
      { 'content-type': 'application/json' },
      await signedHeaders('a-forged-secret-0123456789abcdef0123456789', 'to-worker', target),
      await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', target, Math.floor(Date.now() / 1000) - 301),
    ]) {
      const cb = await exports.default.fetch(`${BASE}/internal/runs/${runId}/events`, {
        method: 'POST',
        headers,
        body,
      });
      expect(cb.status).toBe(401);
    }
    const signed = await exports.default.fetch(`${BASE}/internal/runs/${runId}/events`, {
      method: 'POST',
      headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', target),
      body,
    });
    expect(signed.status).toBe(204); // accepted (the run already failed, so it changes nothing)
    expect(peer.messages.filter((m) => m.type === 'run.event' && m.event.type === 'started')).toEqual([]);
  });

  it('[RUN12] refuses a signed event whose requestId names another run', async () => {
    const room = await createRoom();
    const body = event(room.roomId, 'other-run');
    const path = '/internal/runs/this-run/events';
    const res = await exports.default.fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', { method: 'POST', path, body }),
      body,
    });
    expect(res.status).toBe(400);
  });
});
