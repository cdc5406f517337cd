/**
 * Where runs live, inside workerd with real DO SQLite, D1 and R2: the room's SQLite is
 * the place of record (every run, output included), D1 an index row, R2 nothing; signed
 * events out of order go through the route into the machine and come out folded.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { type JobEvent, type JobResult, signedHeaders } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import { RUN_HISTORY } from '../../src/limits';
import type { RunRecord } from '../../src/runs/record';
import { RunRepository } from '../../src/runs/repository';
import { run as runSchema } from '../../src/runs/run';
import { runsAsUnion } from '../../src/runs/storageStep';
import { queuedRun } from '../unit/runs/support';
import { runsOf } from './runSupport';
import { api, BASE, createRoom, Peer, until } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

/** Stores records straight into a room's SQLite, through the same repository the room uses. */
function store(roomId: string, records: RunRecord[]) {
  return runInDurableObject(stubOf(roomId), async (_instance, state) => {
    const waits: Promise<unknown>[] = [];
    const repo = new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    );
    for (const record of records) repo.save(record);
    await Promise.all(waits);
  });
}

const queued = (runId: string, createdAt: number): RunRecord => ({
  run: queuedRun(runId, createdAt),
  nextSeq: 0,
  jobId: 'job-1',
  held: [],
});

/** An executor event as the test writes it: the job and request ids are filled in. */
type Posted = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId' | 'requestId'> : never) : never;

async function post(roomId: string, runId: string, event: Posted) {
  const body = JSON.stringify({ ...event, jobId: 'job-1', requestId: `${roomId}:${runId}` });
  const path = `/internal/runs/${runId}/events`;
  const res = await exports.default.fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-worker', { method: 'POST', path, body }),
    body,
  });
  expect(res.status).toBe(204);
}

describe('runs in the room’s storage', () => {
  it('[RUN11] signed events out of order and twice: folded in seq order, stored, indexed in D1, nothing in R2', async () => {
    const room = await createRoom();
    await store(room.roomId, [queued('r1', Date.now())]);
    const peer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const result: JobResult = {
      id: 'job-1',
      requestId: `${room.roomId}:r1`,
      status: 'finished',
      verdict: 'ok',
      exitCode: 0,
      signal: null,
      stdout: 'hi\n',
      stderr: '',
      compileOutput: '',
      timeMs: 5,
      memoryKb: 100,
      compileTimeMs: null,
      compileMemoryKb: null,
      truncated: false,
    };
    const diagnostics = [
      { path: 'main.py', line: 1, column: 1, severity: 'warning' as const, message: 'w', source: 'x' },
    ];
    await post(room.roomId, 'r1', { type: 'finished', seq: 2, result });
    await post(room.roomId, 'r1', { type: 'output', seq: 1, stream: 'stdout', data: 'hi\n' });
    await post(room.roomId, 'r1', { type: 'started', seq: 0 });
    await post(room.roomId, 'r1', { type: 'output', seq: 1, stream: 'stdout', data: 'hi\n' });
    await post(room.roomId, 'r1', { type: 'analysis', seq: 3, diagnostics });

    const seen = await until(() => {
      const r = runsOf(peer).get('r1');
      return r?.state === 'finished' && r.diagnostics.length > 0 && r;
    }, 'the run to finish with its analysis');
    expect(seen).toMatchObject({ verdict: 'ok', output: [{ stream: 'stdout', data: 'hi\n' }], diagnostics });
    expect(peer.messages.flatMap((m) => (m.type === 'run.event' ? [m.event.type] : []))).toEqual([
      'started',
      'output',
      'finished',
      'analysis',
    ]);

    const res = await api('/api/runs/r1', { token: room.tokens.observer });
    expect(await res.json()).toEqual(seen);
    const index = await until(
      () => env.DB.prepare('SELECT * FROM runs WHERE id = ?').bind('r1').first<Record<string, unknown>>(),
      'the index row',
    );
    expect(index).toMatchObject({ room_id: room.roomId, state: 'finished', verdict: 'ok', time_ms: 5 });
    expect(Object.keys(index ?? {})).not.toContain('output');
    const copies = await env.SNAPSHOTS.list({ prefix: `rooms/${room.roomId}/runs/` });
    expect(copies.objects).toEqual([]);
  });

  it(`[RUN11] keeps every run; a joiner is sent the newest ${RUN_HISTORY}, and an older one is still found`, async () => {
    const room = await createRoom();
    const t = Date.now();
    const records = Array.from({ length: RUN_HISTORY + 5 }, (_, i) => queued(`old-${i}`, t - 100_000 + i));
    await store(
      room.roomId,
      records.map((r) => ({
        ...r,
        run: {
          ...r.run,
          state: 'failed',
          startedAt: null,
          finishedAt: r.run.createdAt,
          output: [],
          truncated: false,
          error: 'executor_unreachable',
          message: 'gone',
          retryAfterS: null,
        },
      })),
    );
    const peer = await Peer.connect(room.roomId, room.tokens.observer);
    const history = await until(() => peer.messages.find((m) => m.type === 'runs'), 'the history');
    expect(history.type === 'runs' && history.runs.map((r) => r.runId)).toEqual(
      records.slice(-RUN_HISTORY).map((r) => r.run.runId),
    );
    const oldest = await api('/api/runs/old-0', { token: room.tokens.observer });
    expect(oldest.status).toBe(200);
    expect(((await oldest.json()) as { state: string }).state).toBe('failed');
    const missing = await api('/api/runs/no-such-run', { token: room.tokens.observer });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('no_such_run');
  });
});

describe('room storage step 2', () => {
  it('[STORE2] converts runs stored in the flat shape into the union by state', async () => {
    const room = await createRoom();
    const rows = await runInDurableObject(stubOf(room.roomId), (_instance, state) => {
      const { sql } = state.storage;
      // The table and rows as step 1's code left them.
      sql.exec('DROP TABLE runs');
      sql.exec(`CREATE TABLE runs (run_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, state TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 0, job_id TEXT, data TEXT NOT NULL)`);
      const flat = {
        runId: 'f',
        startedBy: { name: 'Cara', role: 'candidate' },
        language: 'python',
        path: 'main.py',
        stdin: '',
        createdAt: 1,
        startedAt: 2,
        finishedAt: 3,
        verdict: 'ok',
        exitCode: 0,
        signal: null,
        timeMs: 4,
        memoryKb: 5,
        compileTimeMs: null,
        compileMemoryKb: null,
        truncated: false,
        output: [{ stream: 'stdout', data: 'x' }],
        diagnostics: [],
        error: null,
        message: null,
        retryAfterS: null,
      };
      const failed = {
        ...flat,
        runId: 'b',
        state: 'failed',
        verdict: null,
        error: 'executor_busy',
        message: 'busy',
        retryAfterS: 5,
      };
      for (const r of [{ ...flat, state: 'finished' }, failed, { ...flat, runId: 'q', state: 'queued' }]) {
        sql.exec(
          'INSERT INTO runs (run_id, created_at, state, data) VALUES (?, ?, ?, ?)',
          r.runId,
          1,
          r.state,
          JSON.stringify(r),
        );
      }
      runsAsUnion(sql);
      return sql.exec<{ data: string; held: string }>('SELECT data, held FROM runs ORDER BY run_id').toArray();
    });
    const runs = rows.map((r) => runSchema.parse(JSON.parse(r.data)));
    expect(rows.map((r) => r.held)).toEqual(['[]', '[]', '[]']);
    expect(runs.map((r) => r.state)).toEqual(['failed', 'finished', 'queued']);
    expect(runs[0]).toMatchObject({ error: 'executor_busy', message: 'busy', retryAfterS: 5 });
    expect(runs[0]).not.toHaveProperty('verdict');
    expect(runs[1]).toMatchObject({ verdict: 'ok', timeMs: 4, output: [{ stream: 'stdout', data: 'x' }] });
    expect(runs[2]).toEqual({
      runId: 'q',
      kind: 'run', // read as a plain run: test runs came later
      state: 'queued',
      startedBy: { name: 'Cara', role: 'candidate' },
      language: 'python',
      path: 'main.py',
      stdin: '',
      createdAt: 1,
    });
  });
});
