/**
 * Test runs inside workerd, with real D1 and DO storage: who may start them, the
 * refusal of a room with nothing to test, and what each role is sent while signed
 * executor events arrive (no executor answers here: the open run is stored as the
 * room's machine makes it, then fed through the signed /internal route). Against the
 * real executor: e2e/room-tests-secrecy.test.ts.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { type JobEvent, type JobTestResult, signedHeaders } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import { hiddenSecrets } from '../../../testing/hiddenCases';
import { cannot } from '../../src/auth/roles';
import type { QuestionView } from '../../src/room/question/schema';
import { step } from '../../src/runs/machine';
import { RunRepository } from '../../src/runs/repository';
import type { Run } from '../../src/runs/run';
import { roomTestCases } from '../../src/tests/cases';
import type { TestCase } from '../../src/tests/schema';
import { runsOf } from './runSupport';
import { api, BASE, createRoom, Peer, until } from './support';

const QUESTION = 'two-sum';

/** The room's cases as a test run sends them, read as the interviewer sees the room's question. */
async function casesOf(roomId: string, token: string): Promise<TestCase[]> {
  const res = await api(`/api/rooms/${roomId}/question`, { token });
  const { question } = (await res.json()) as { question: QuestionView | null };
  return roomTestCases(question?.cases ?? []);
}

describe('starting test runs', () => {
  it('[TR1] the interviewer and the candidate may, over HTTP and the socket; an observer is refused in words; a stray field is named', async () => {
    const room = await createRoom({ questionId: QUESTION });
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    observer.ws.send(JSON.stringify({ type: 'tests' }));
    await until(() => observer.errors().includes('forbidden'), 'the socket refusal');
    const refusal = observer.messages.find((m) => m.type === 'error');
    expect(refusal?.type === 'error' && refusal.message).toBe(cannot('observer', 'run'));
    const http = await api(`/api/rooms/${room.roomId}/tests`, { method: 'POST', token: room.tokens.observer });
    expect(http.status).toBe(403);
    expect(await http.json()).toEqual({ error: { code: 'forbidden', message: cannot('observer', 'run') } });

    const stray = await api(`/api/rooms/${room.roomId}/tests`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: JSON.stringify({ stdin: 'x' }),
    });
    expect(stray.status).toBe(400);
    expect(((await stray.json()) as { error: { message: string } }).error.message).toMatch(/stdin/);

    // No executor answers here: each run fails at once, so the next may start.
    const byHttp = await api(`/api/rooms/${room.roomId}/tests`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    expect(byHttp.status).toBe(202);
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ian' });
    interviewer.ws.send(JSON.stringify({ type: 'tests' }));
    const queued = await until(
      () => interviewer.room.find('run.queued', (m) => m.run.startedBy.name === 'Ian'),
      'the interviewer’s test run',
    );
    expect(queued.run).toMatchObject({ kind: 'tests', stdin: '' });
    expect(queued.run.tests?.cases.map((c) => c.id)).toEqual(
      (await casesOf(room.roomId, room.tokens.interviewer)).map((c) => c.id),
    );
    expect(observer.room.find('run.queued')).toBeDefined();
  });

  it('[TR2] a room with no test cases is refused no_tests in words, over HTTP and the socket, and stores nothing', async () => {
    for (const body of [{}, { questionId: 'lru-cache' }]) {
      const room = await createRoom(body);
      const res = await api(`/api/rooms/${room.roomId}/tests`, { method: 'POST', token: room.tokens.candidate });
      expect(res.status).toBe(409);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error).toEqual({ code: 'no_tests', message: expect.stringMatching(/no test cases to run/) });
      const peer = await Peer.connect(room.roomId, room.tokens.interviewer);
      peer.ws.send(JSON.stringify({ type: 'tests' }));
      await until(() => peer.errors().includes('no_tests'), 'the socket refusal');
      const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM runs WHERE room_id = ?').bind(room.roomId).first();
      expect(rows).toEqual({ n: 0 });
    }
  });
});

/** An open test run, stored the way the room's machine makes and keeps one. */
async function openTestRun(roomId: string, runId: string, cases: TestCase[]) {
  const { record } = step(null, {
    kind: 'start',
    now: Date.now(),
    request: { runId, by: { name: 'Cara', role: 'candidate' }, tests: cases },
    context: {
      roomId,
      roomActive: true,
      language: 'python',
      files: [{ path: 'main.py', content: 'print(1)\n' }],
      entry: 'main.py',
      callbackBase: BASE,
      openRuns: 0,
      startsInLastMinute: 0,
      limits: { timeMs: 5000, memoryMb: 256 },
    },
  });
  if (!record) throw new Error('the start was refused');
  await runInDurableObject(env.ROOM.get(env.ROOM.idFromName(roomId)), async (_instance, state) => {
    const waits: Promise<unknown>[] = [];
    const repo = new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    );
    repo.save({ ...record, jobId: 'job-1' });
    await Promise.all(waits);
  });
}

type Unnumbered = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId' | 'requestId'> : never) : never;

async function post(roomId: string, runId: string, event: Unnumbered) {
  const body = JSON.stringify({ ...event, jobId: 'job-1', requestId: `${roomId}:${runId}` });
  const path = `/internal/runs/${runId}/events`;
  const res = await exports.default.fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', { method: 'POST', path, body }),
    body,
  });
  expect(res.status).toBe(204);
}

/** A correct program's outcome: it printed the expected output (a hidden case's too). */
const passed = (c: TestCase): JobTestResult => ({
  id: c.id,
  verdict: 'passed',
  exitCode: 0,
  signal: null,
  timeMs: 7,
  memoryKb: 9000,
  stdout: c.expected,
  stderr: c.hidden ? `debug: ${c.stdin}` : '',
  truncated: false,
});

describe('what each role is sent', () => {
  it('[TR6][TR5] live outcomes reach everyone; a candidate’s socket, its joiner history and its HTTP answers hold no hidden case', async () => {
    const room = await createRoom({ questionId: QUESTION });
    const cases = await casesOf(room.roomId, room.tokens.interviewer);
    const secrets = hiddenSecrets(QUESTION);
    expect(secrets.length).toBeGreaterThan(5);
    // Stored before anyone joins: each peer first hears of it in the runs sent on connect.
    await openTestRun(room.roomId, 't1', cases);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);

    await post(room.roomId, 't1', { type: 'started', seq: 0 });
    for (const [i, c] of cases.entries()) await post(room.roomId, 't1', { type: 'test', seq: i + 1, test: passed(c) });
    const lastSeq = cases.length + 1;
    const finishedResult = {
      id: 'job-1',
      requestId: `${room.roomId}:t1`,
      status: 'finished' as const,
      verdict: 'ok' as const,
      exitCode: 0,
      signal: null,
      stdout: '',
      stderr: '',
      compileOutput: '',
      timeMs: 50,
      memoryKb: 9000,
      compileTimeMs: null,
      compileMemoryKb: null,
      truncated: false,
      tests: cases.map(passed),
    };
    await post(room.roomId, 't1', { type: 'finished', seq: lastSeq, result: finishedResult });

    // Everyone saw every case judged, as it came.
    for (const peer of [candidate, interviewer, observer]) {
      const run = await until(() => {
        const r = runsOf(peer).get('t1');
        return r?.state === 'finished' && r;
      }, 'the finished test run');
      expect(run.tests?.outcomes.map((o) => [o.id, o.verdict])).toEqual(cases.map((c) => [c.id, 'passed']));
      expect(peer.messages.filter((m) => m.type === 'run.event' && m.event.type === 'test')).toHaveLength(cases.length);
    }
    const full = runsOf(interviewer).get('t1') as Run;
    expect(full.tests?.cases).toEqual(cases);
    expect(runsOf(observer).get('t1')).toEqual(full);
    const seen = runsOf(candidate).get('t1') as Run;
    expect(seen.tests?.cases.filter((c) => 'redacted' in c).map((c) => c.id)).toEqual(
      cases.filter((c) => c.hidden).map((c) => c.id),
    );
    expect(seen.tests?.cases.filter((c) => !c.hidden)).toEqual(cases.filter((c) => !c.hidden));

    const late = await Peer.connect(room.roomId, room.tokens.candidate);
    await until(() => late.room.find('runs'), 'the joiner’s history');
    const answers = await Promise.all([
      api('/api/runs/t1', { token: room.tokens.candidate }).then((r) => r.text()),
      api(`/api/rooms/${room.roomId}/runs/t1`, { token: room.tokens.candidate }).then((r) => r.text()),
      api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate }).then((r) => r.text()),
    ]);
    expect(JSON.parse(answers[1] as string)).toEqual(JSON.parse(answers[0] as string));
    expect((JSON.parse(answers[0] as string) as Run).tests?.outcomes).toHaveLength(cases.length);
    const received = JSON.stringify([candidate.messages, late.messages]) + answers.join('\n');
    for (const secret of secrets) expect(received, secret).not.toContain(secret);
    // The same search finds them where they belong: the interviewer's and observer's.
    const reviewer =
      JSON.stringify(interviewer.messages) +
      (await api('/api/runs/t1', { token: room.tokens.observer }).then((r) => r.text()));
    for (const secret of secrets) expect(reviewer, secret).toContain(secret);
  });
});
