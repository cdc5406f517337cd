/**
 * The report (issue 11 part 7) in real workerd with the room's SQLite, D1 and R2: who
 * may read it, what it carries (the question with hidden cases, the final code, every
 * run, who joined when), after the room ends and across a restart of the object.
 */
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cannot } from '../../src/auth/roles';
import { REPORT_RUN_OUTPUT_BYTES } from '../../src/limits';
import { questionFor } from '../../src/questions/bank';
import { type Report, reportSchema } from '../../src/report/schema';
import { JoinLog } from '../../src/room/joinLog';
import { RunRepository } from '../../src/runs/repository';
import type { FinishedRun, Run } from '../../src/runs/run';
import { api, createRoom, Peer, until } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

async function reportOf(roomId: string, token: string): Promise<Report> {
  const res = await api(`/api/rooms/${roomId}/report`, { token });
  expect(res.status).toBe(200);
  // Parsed with the schema, as the web app does: the answer is what the contract says.
  return reportSchema.parse(await res.json());
}

/** Stores a run in the room as the run machine would (no executor answers in workerd). */
function storeRun(roomId: string, run: Run) {
  return runInDurableObject(stubOf(roomId), async (_instance, state) => {
    const waits: Promise<unknown>[] = [];
    new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    ).save({ run, nextSeq: 0, jobId: 'job-1', held: [] });
    await Promise.all(waits);
  });
}

const finished = (runId: string, patch: Partial<FinishedRun> = {}): FinishedRun => ({
  runId,
  kind: 'run',
  state: 'finished',
  startedBy: { name: 'Cara', role: 'candidate' },
  language: 'python',
  path: 'main.py',
  stdin: '2 3\n',
  createdAt: Date.now(),
  startedAt: Date.now(),
  finishedAt: Date.now() + 40,
  output: [{ stream: 'stdout', data: '5\n' }],
  truncated: false,
  verdict: 'ok',
  exitCode: 0,
  signal: null,
  timeMs: 31,
  memoryKb: 9000,
  compileTimeMs: null,
  compileMemoryKb: null,
  diagnostics: [],
  ...patch,
});

describe('who may read the report', () => {
  it('[REP1] the interviewer and observers read it; a candidate token gets 403 in words and no byte of it; no token 401', async () => {
    const room = await createRoom({ questionId: 'two-sum' });
    const question = questionFor('two-sum');
    const hidden = question?.question.tests.find((c) => c.hidden);
    if (!hidden) throw new Error('two-sum has a hidden case');
    for (const role of ['interviewer', 'observer'] as const) {
      const report = await reportOf(room.roomId, room.tokens[role]);
      expect(report.room.roomId).toBe(room.roomId);
      expect(JSON.stringify(report)).toContain(JSON.stringify(hidden.expected).slice(1, -1));
    }
    const res = await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.candidate });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'forbidden', message: cannot('candidate', 'review') } });
    expect(body).not.toContain(hidden.name);
    expect(body).not.toContain('main.py');

    const anonymous = await api(`/api/rooms/${room.roomId}/report`);
    expect(anonymous.status).toBe(401);
    const allowed = await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.observer });
    expect(allowed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('what the report carries', () => {
  it('[REP2] the question with every case, each with hidden true|false, its input and expected output', async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'python' });
    const question = questionFor('two-sum');
    if (!question) throw new Error('two-sum is in the bank');
    const report = await reportOf(room.roomId, room.tokens.interviewer);
    expect(report.question?.slug).toBe('two-sum');
    expect(report.question?.statement).toBe(question.statement);
    expect(report.question?.tests).toEqual(
      question.question.tests.map((c) => ({
        name: c.name,
        hidden: c.hidden,
        stdin: c.stdin,
        expected: c.expected,
        compare: c.compare,
        timeLimitMs: c.timeLimitMs ?? null,
      })),
    );
    const flags = new Set(report.question?.tests.map((c) => c.hidden));
    expect(flags).toEqual(new Set([true, false]));
  });

  it('[REP2] a room made without a question reports `question: null` and the rest as usual', async () => {
    const room = await createRoom({ title: 'Free form' });
    const report = await reportOf(room.roomId, room.tokens.interviewer);
    expect(report.question).toBeNull();
    expect(report.room).toMatchObject({ title: 'Free form', language: 'python', status: 'active', endedAt: null });
    expect(report.files).toEqual([{ path: 'main.py', content: 'print("Hello, CodeSync!")\n' }]);
    expect(report.runs).toEqual({ total: 0, shown: [] });
  });

  it('[REP4] the final code per file, and every run with its verdict or error, times and output', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    candidate.edit('main.py', 0, 'a, b = map(int, input().split())\nprint(a + b)\n');
    await until(async () => {
      const res = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer });
      return JSON.stringify(await res.json()).includes('print(a + b)');
    }, 'the edit stored');
    // A run that fails (no executor answers here) and one that finished, stored as the machine stores it.
    const failed = await api(`/api/rooms/${room.roomId}/runs`, { method: 'POST', token: room.tokens.candidate });
    expect(failed.status).toBe(202);
    const { runId: failedId } = (await failed.json()) as { runId: string };
    await until(async () => {
      const res = await api(`/api/runs/${failedId}`, { token: room.tokens.candidate });
      return ((await res.json()) as Run).state === 'failed';
    }, 'the failed run');
    const long = 'x'.repeat(REPORT_RUN_OUTPUT_BYTES + 100);
    await storeRun(
      room.roomId,
      finished('run-ok', { createdAt: Date.now() + 1000, output: [{ stream: 'stdout', data: long }] }),
    );

    const report = await reportOf(room.roomId, room.tokens.interviewer);
    expect(report.files).toEqual([
      { path: 'main.py', content: 'a, b = map(int, input().split())\nprint(a + b)\nprint("Hello, CodeSync!")\n' },
    ]);
    expect(report.entry).toBe('main.py');
    expect(report.runs.total).toBe(2);
    const [first, second] = report.runs.shown;
    expect(first).toMatchObject({
      runId: failedId,
      kind: 'run',
      state: 'failed',
      error: 'executor_unreachable',
      verdict: null,
      startedBy: { role: 'candidate' },
    });
    expect(first?.finishedAt).toEqual(expect.any(Number));
    expect(second).toMatchObject({
      runId: 'run-ok',
      state: 'finished',
      verdict: 'ok',
      exitCode: 0,
      timeMs: 31,
      memoryKb: 9000,
      stdin: '2 3\n',
      truncated: true,
      tests: null,
    });
    // A long output is cut at the report's cap and marked.
    expect(second?.output[0]?.data).toBe('x'.repeat(REPORT_RUN_OUTPUT_BYTES));
    candidate.close();
  });

  it('[REP4] a test run carries each case by name, hidden or not, with its verdict and output', async () => {
    const room = await createRoom({ questionId: 'two-sum' });
    const outcome = (id: string, hidden: boolean, verdict: 'passed' | 'time_limit', stdout: string) => ({
      id,
      hidden,
      verdict,
      exitCode: verdict === 'passed' ? 0 : null,
      signal: verdict === 'passed' ? null : 'SIGKILL',
      timeMs: 12,
      memoryKb: 8000,
      stdout,
      stderr: '',
      truncated: false,
    });
    const testCase = (id: string, name: string, hidden: boolean) => ({
      id,
      name,
      hidden,
      stdin: '2\n1 2\n3\n',
      expected: '0 1\n',
      compare: 'trimmed' as const,
      timeLimitMs: null,
    });
    // A test run as the room stores it (runs/run.ts): its cases and their outcomes, whole.
    const testRun: FinishedRun = {
      ...finished('run-tests'),
      kind: 'tests',
      tests: {
        cases: [testCase('c1', 'example 1', false), testCase('c2', 'large', true)],
        outcomes: [outcome('c1', false, 'passed', '0 1\n'), outcome('c2', true, 'time_limit', '')],
      },
    };
    await storeRun(room.roomId, testRun);
    const report = await reportOf(room.roomId, room.tokens.observer);
    expect(report.runs.shown).toHaveLength(1);
    expect(report.runs.shown[0]).toMatchObject({ runId: 'run-tests', kind: 'tests' });
    expect(report.runs.shown[0]?.tests?.map((t) => [t.name, t.hidden, t.verdict, t.stdout])).toEqual([
      ['example 1', false, 'passed', '0 1\n'],
      ['large', true, 'time_limit', ''],
    ]);
  });
});

describe('after the room ends', () => {
  it('[REP3] the report still answers: ended, its duration to the end, every join closed at the end; 410 once retention deleted it', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    const ended = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const { endedAt, createdAt } = (await ended.json()) as { endedAt: number; createdAt: number };
    await until(() => candidate.closed, 'the candidate closed');

    const report = await reportOf(room.roomId, room.tokens.observer);
    expect(report.room).toMatchObject({ status: 'ended', endedAt, durationMs: endedAt - createdAt });
    expect(report.joins.entries).toEqual([
      expect.objectContaining({ name: 'Cara', role: 'candidate', leftAt: endedAt, online: false }),
    ]);
    expect((await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.candidate })).status).toBe(403);

    // Retention's deletion (RET2), as the hourly sweep does it once the room is due.
    await runInDurableObject(stubOf(room.roomId), (_i, state) => {
      state.storage.sql.exec('UPDATE room_meta SET delete_at = ? WHERE id = 1', Date.now() - 1);
    });
    expect(await stubOf(room.roomId).expire(Date.now())).toBe(true);
    const gone = await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.interviewer });
    expect(gone.status).toBe(410);
  });
});

describe('the join log', () => {
  it('[REP5] records who joined and left, and when, and keeps it across a restart of the object', async () => {
    const room = await createRoom();
    const before = Date.now();
    const ian = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ian' });
    const cara = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    const olga = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olga' });
    const connIdOf = (peer: Peer) => peer.room.view.you?.connId;
    await until(() => connIdOf(ian) && connIdOf(cara) && connIdOf(olga), 'everyone told who they are');
    cara.close();
    const afterLeave = await until(async () => {
      const report = await reportOf(room.roomId, room.tokens.interviewer);
      return report.joins.entries.find((e) => e.name === 'Cara')?.leftAt ? report : null;
    }, 'Cara’s leave recorded');
    expect(afterLeave.joins.entries.map(({ name, role, connId, online }) => ({ name, role, connId, online }))).toEqual([
      { name: 'Ian', role: 'interviewer', connId: connIdOf(ian), online: true },
      { name: 'Cara', role: 'candidate', connId: connIdOf(cara), online: false },
      { name: 'Olga', role: 'observer', connId: connIdOf(olga), online: true },
    ]);
    for (const entry of afterLeave.joins.entries) expect(entry.joinedAt).toBeGreaterThanOrEqual(before);
    const caraEntry = afterLeave.joins.entries[1];
    expect(caraEntry?.leftAt).toBeGreaterThanOrEqual(caraEntry?.joinedAt ?? Number.POSITIVE_INFINITY);
    olga.close();
    await until(async () => {
      const report = await reportOf(room.roomId, room.tokens.interviewer);
      return report.joins.entries.find((e) => e.name === 'Olga')?.leftAt;
    }, 'Olga’s leave recorded');

    // The object restarts with Ian still connected: his socket is lost without a close.
    await abortAllDurableObjects();
    await until(() => ian.closed, 'Ian’s socket dropped by the restart');
    const cara2 = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    await until(() => connIdOf(cara2), 'Cara told who she is');
    const after = await reportOf(room.roomId, room.tokens.interviewer);
    expect(after.joins.entries.map(({ name, connId }) => ({ name, connId }))).toEqual([
      { name: 'Ian', connId: connIdOf(ian) },
      { name: 'Cara', connId: connIdOf(cara) },
      { name: 'Olga', connId: connIdOf(olga) },
      { name: 'Cara', connId: connIdOf(cara2) },
    ]);
    // As they were before the restart: Ian's socket was lost without a close (his leave unknown),
    // Cara's and Olga's leaves kept; Cara's new socket is here now.
    const [ianRow, caraRow, olgaRow, cara2Row] = after.joins.entries;
    expect(ianRow).toMatchObject({ joinedAt: afterLeave.joins.entries[0]?.joinedAt, leftAt: null, online: false });
    expect(caraRow).toEqual({ ...afterLeave.joins.entries[1], online: false });
    expect(olgaRow?.leftAt).toEqual(expect.any(Number));
    expect(olgaRow?.online).toBe(false);
    expect(cara2Row).toMatchObject({ role: 'candidate', leftAt: null, online: true });
    cara2.close();
  });

  it('[REP6] keeps the first JOIN_LOG_MAX_ROWS joins and counts the rest', async () => {
    const room = await createRoom();
    const view = await runInDurableObject(stubOf(room.roomId), (_i, state) => {
      const log = new JoinLog(state.storage.sql, 2);
      for (const name of ['first', 'second', 'third', 'fourth']) {
        log.joined({ connId: `c-${name}`, name, role: 'observer', joinedAt: 1 });
      }
      log.left('c-second', 5);
      log.left('c-fourth', 6); // never kept: nothing to close
      return log.read();
    });
    expect(view).toEqual({
      entries: [
        { connId: 'c-first', name: 'first', role: 'observer', joinedAt: 1, leftAt: null },
        { connId: 'c-second', name: 'second', role: 'observer', joinedAt: 1, leftAt: 5 },
      ],
      omitted: 2,
    });
    const report = await reportOf(room.roomId, room.tokens.interviewer);
    expect(report.joins.omitted).toBe(2);
  });
});
