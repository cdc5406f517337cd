/**
 * The room's run limits in real workerd (runs/runLimits.ts): what a joiner is told, who
 * may change them (an observer never), what is refused and in which words, and what a
 * run carries. No executor answers here: a run's limits are read from its queued record;
 * that the executor honours them is executor/test/userLimits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cannot } from '../../src/auth/roles';
import { RUN_LIMIT_DEFAULTS, RUN_LIMIT_FLOORS, RUN_LIMIT_MAXIMA } from '../../src/limits';
import { runsOf } from './runSupport';
import { api, type CreatedRoom, createRoom, Peer, until } from './support';

const setLimits = (room: CreatedRoom, body: unknown, token = room.tokens.interviewer) =>
  api(`/api/rooms/${room.roomId}/limits`, { method: 'POST', token, body: JSON.stringify(body) });

const startRun = (room: CreatedRoom, body: unknown, token = room.tokens.candidate) =>
  api(`/api/rooms/${room.roomId}/runs`, { method: 'POST', token, body: JSON.stringify(body) });

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

/** The newest refusal a peer was told, with its words. */
const lastRefusal = (peer: Peer) => peer.room.view.refusals.at(-1);

describe('the room’s run limits', () => {
  it('[RLIM3] a joiner is told the room’s limits and the bounds they keep', async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const view = await until(() => observer.room.view.limits, 'the limits message');
    expect(view).toEqual({ limits: RUN_LIMIT_DEFAULTS, maxima: RUN_LIMIT_MAXIMA, floors: RUN_LIMIT_FLOORS });
  });

  it('[RLIM4] an interviewer or a candidate changes them, over HTTP or the socket; everyone is told; a late joiner sees them', async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);

    const res = await setLimits(room, { timeMs: 2000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      limits: { timeMs: 2000, memoryMb: RUN_LIMIT_DEFAULTS.memoryMb },
      maxima: RUN_LIMIT_MAXIMA,
      floors: RUN_LIMIT_FLOORS,
    });
    await until(() => observer.room.view.limits?.limits.timeMs === 2000, 'the interviewer’s change');

    candidate.ws.send(JSON.stringify({ type: 'limits', limits: { memoryMb: 512 } }));
    await until(() => observer.room.view.limits?.limits.memoryMb === 512, 'the candidate’s change');
    expect(observer.room.view.limits?.limits).toEqual({ timeMs: 2000, memoryMb: 512 });

    const late = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => late.room.view.limits, 'the late joiner’s limits');
    expect(late.room.view.limits?.limits).toEqual({ timeMs: 2000, memoryMb: 512 });
  });

  it('[RLIM4] an observer cannot change them, over HTTP or the socket; an ended room keeps them', async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const res = await setLimits(room, { timeMs: 1000 }, room.tokens.observer);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'forbidden', message: cannot('observer', 'edit') });

    observer.ws.send(JSON.stringify({ type: 'limits', limits: { timeMs: 1000 } }));
    await until(() => observer.errors().includes('forbidden'), 'the socket refusal');
    expect(lastRefusal(observer)?.message).toBe(cannot('observer', 'edit'));

    // What the observer asked was not applied: a fresh joiner still gets the defaults.
    const late = await Peer.connect(room.roomId, room.tokens.candidate);
    await until(() => late.room.view.limits, 'the limits');
    expect(late.room.view.limits?.limits).toEqual(RUN_LIMIT_DEFAULTS);

    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const ended = await setLimits(room, { timeMs: 1000 });
    expect(ended.status).toBe(409);
    expect((await errorOf(ended)).code).toBe('room_ended');
  });

  it('[RLIM5] a value past a bound is refused naming the field and the bound, never capped', async () => {
    const room = await createRoom();
    const cases: [unknown, RegExp][] = [
      [{ timeMs: RUN_LIMIT_MAXIMA.timeMs + 1 }, /^timeMs: must be at most 10000 ms, the code runner's maximum/],
      [{ memoryMb: 99_999 }, /^memoryMb: must be at most 1024 MB, the code runner's maximum/],
      [{ timeMs: 5 }, /^timeMs: must be at least 100 ms/],
      [{ memoryMb: 64.5 }, /^memoryMb: must be a whole number of MB/],
      [{ timeMs: '3000' }, /^timeMs: must be a number of ms/],
      [{ outputKb: 10 }, /outputKb/],
    ];
    for (const [body, words] of cases) {
      const res = await setLimits(room, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(words);
    }
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    candidate.ws.send(JSON.stringify({ type: 'limits', limits: { timeMs: 60_000 } }));
    await until(() => candidate.errors().includes('bad_message'), 'the socket refusal');
    expect(lastRefusal(candidate)?.message).toMatch(/^limits\.timeMs: must be at most 10000 ms/);
    expect(candidate.room.view.limits?.limits).toEqual(RUN_LIMIT_DEFAULTS);
  });
});

describe('a run’s limits', () => {
  it('[RLIM6] a run takes the room’s limits, or its own for what it sets, and keeps them in its record', async () => {
    const room = await createRoom();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    await setLimits(room, { timeMs: 3000, memoryMb: 128 });

    const first = await startRun(room, {});
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    await until(() => runsOf(interviewer).get(runId)?.state === 'failed', 'the first run to end');
    expect(runsOf(interviewer).get(runId)?.limits).toEqual({ timeMs: 3000, memoryMb: 128 });

    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    candidate.ws.send(JSON.stringify({ type: 'run', limits: { timeMs: 1000 } }));
    const own = await until(
      () => [...runsOf(interviewer).values()].find((r) => r.runId !== runId && r.state === 'failed'),
      'the second run to end',
    );
    expect(own.limits).toEqual({ timeMs: 1000, memoryMb: 128 });
  });

  it('[RLIM6] a run asking past a maximum is refused with the maximum, over HTTP and the socket, and nothing runs', async () => {
    const room = await createRoom();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const res = await startRun(room, { limits: { memoryMb: 2048 } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^limits\.memoryMb: must be at most 1024 MB/);

    interviewer.ws.send(JSON.stringify({ type: 'run', limits: { timeMs: 20_000 } }));
    await until(() => interviewer.errors().includes('bad_message'), 'the socket refusal');
    expect(lastRefusal(interviewer)?.message).toMatch(/^limits\.timeMs: must be at most 10000 ms/);
    expect(runsOf(interviewer).size).toBe(0);
  });
});
