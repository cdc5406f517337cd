/**
 * The manifest's events, recorded by the real room as things happen: joins and leaves,
 * files created, renamed and deleted by a stock Yjs client, a language switch, runs and
 * test runs with their verdicts, and the candidate's paste and focus signals.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../../src/playback/timeline';
import { createFile, deleteFile, fileByPath, renameFile } from '../../../src/room/doc';
import { RunRepository } from '../../../src/runs/repository';
import type { FinishedRun } from '../../../src/runs/run';
import type { TestCase } from '../../../src/tests/schema';
import { api, type CreatedRoom, createRoom, Peer, until } from '../support';
import { manifestOf } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A finished run, stored as the room's machine stores one (runs/repository.ts). */
async function storeFinished(roomId: string, run: FinishedRun): Promise<void> {
  await runInDurableObject(stubOf(roomId), async (_i, state) => {
    const waits: Promise<unknown>[] = [];
    const repo = new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    );
    repo.save({ run, nextSeq: 2, jobId: 'job', held: [] });
    await Promise.all(waits);
  });
}

function finished(runId: string, createdAt: number, extra: Partial<FinishedRun> = {}): FinishedRun {
  return {
    runId,
    kind: 'run',
    startedBy: { name: 'Ada', role: 'candidate' },
    language: 'python',
    path: 'main.py',
    stdin: '',
    createdAt,
    output: [{ stream: 'stdout', data: 'x'.repeat(50_000) }],
    truncated: false,
    state: 'finished',
    startedAt: createdAt + 5,
    finishedAt: createdAt + 80,
    verdict: 'ok',
    exitCode: 0,
    signal: null,
    timeMs: 40,
    memoryKb: 9000,
    compileTimeMs: null,
    compileMemoryKb: null,
    diagnostics: [],
    ...extra,
  };
}

const testCase = (id: string): TestCase => ({
  id,
  name: id,
  hidden: id === 'c3',
  stdin: '1',
  expected: '1',
  compare: 'exact',
  timeLimitMs: null,
});

async function events(room: CreatedRoom) {
  return (await manifestOf(room.roomId, room.tokens.interviewer)).events;
}

describe('the events of an interview', () => {
  it('[PLAY10] files created, renamed and deleted by a stock client, and a language switch, each with who and when', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    const grace = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Grace' });
    const before = Date.now();
    createFile(ada.doc, 'util.py', 'def helper():\n    return 1\n');
    await until(() => fileByPath(grace.doc, 'util.py'), 'the file at Grace');
    const util = fileByPath(grace.doc, 'util.py');
    if (util) renameFile(grace.doc, util.id, 'helpers.py');
    await until(() => fileByPath(ada.doc, 'helpers.py'), 'the rename at Ada');
    for (let i = 0; i < 30; i++) ada.edit('helpers.py', 0, '#'); // typing is no event
    const helpers = fileByPath(ada.doc, 'helpers.py');
    if (helpers) deleteFile(ada.doc, helpers.id);
    await until(() => !fileByPath(grace.doc, 'helpers.py'), 'the delete at Grace');
    const switched = await api(`/api/rooms/${room.roomId}/language`, {
      ...json({ language: 'go' }),
      token: room.tokens.interviewer,
    });
    expect(switched.status).toBe(200);

    const timeline = (await events(room)).filter((e) => e.type === 'file' || e.type === 'language');
    expect(timeline.map(({ at: _at, ...e }) => e)).toEqual([
      // The room's own first file, when it was made.
      { type: 'file', action: 'created', path: 'main.py', from: null, who: { name: 'CodeSync', role: 'room' } },
      { type: 'file', action: 'created', path: 'util.py', from: null, who: { name: 'Ada', role: 'candidate' } },
      {
        type: 'file',
        action: 'renamed',
        path: 'helpers.py',
        from: 'util.py',
        who: { name: 'Grace', role: 'interviewer' },
      },
      { type: 'file', action: 'deleted', path: 'helpers.py', from: null, who: { name: 'Ada', role: 'candidate' } },
      // The switch opens the new language's starter: the room makes it.
      { type: 'file', action: 'created', path: 'main.go', from: null, who: { name: 'CodeSync', role: 'room' } },
      { type: 'language', from: 'python', to: 'go', who: { name: 'Grace', role: 'interviewer' } },
    ]);
    expect(timeline.slice(1).every((e) => e.at >= before && e.at <= Date.now())).toBe(true);
    ada.close();
    grace.close();
  });

  it('[PLAY11] joins and leaves, runs with verdict, test runs with passed/total, pastes and focus, oldest first', async () => {
    const room = await createRoom({ questionId: 'two-sum' });
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    const t = Date.now();
    await storeFinished(room.roomId, finished('r-ok', t + 1));
    const outcome = (id: string, verdict: 'passed' | 'wrong_answer') => ({
      id,
      hidden: id === 'c3',
      verdict,
      timeMs: 3,
      memoryKb: 100,
      exitCode: 0,
      signal: null,
      stdout: '1',
      stderr: '',
      truncated: false,
    });
    const cases = ['c1', 'c2', 'c3'].map(testCase);
    const outcomes = [outcome('c1', 'passed'), outcome('c2', 'wrong_answer'), outcome('c3', 'passed')];
    await storeFinished(
      room.roomId,
      finished('r-tests', t + 2, { kind: 'tests', verdict: 'ok', tests: { cases, outcomes } }),
    );
    await storeFinished(room.roomId, finished('r-slow', t + 3, { verdict: 'time_limit', exitCode: null }));
    for (const body of [
      { kind: 'paste', chars: 640, file: 'main.py' },
      { kind: 'focus', state: 'left' },
      { kind: 'focus', state: 'returned' },
    ]) {
      const res = await api(`/api/rooms/${room.roomId}/signals`, { ...json(body), token: room.tokens.candidate });
      expect(res.status).toBe(204);
    }
    // A run over HTTP: no executor answers here, so it fails without a verdict.
    const run = await api(`/api/rooms/${room.roomId}/runs`, { ...json({}), token: room.tokens.candidate });
    expect(run.status).toBe(202);
    const { runId } = (await run.json()) as { runId: string };
    ada.close();
    const all = await until(async () => {
      const e = await events(room);
      const failed = e.find((x) => x.type === 'run' && x.runId === runId);
      return e.some((x) => x.type === 'leave') && failed?.type === 'run' && failed.finishedAt !== null && e;
    }, 'the leave and the failed run');

    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort((a, b) => a - b));
    const ada_ = { name: 'Ada', role: 'candidate' };
    expect(all.filter((e) => e.type === 'join' || e.type === 'leave').map((e) => [e.type, e.who])).toEqual([
      ['join', ada_],
      ['leave', ada_],
    ]);
    const runs = all.filter((e) => e.type === 'run');
    expect(
      runs.map(({ runId, kind, verdict, passed, total, who }) => ({ runId, kind, verdict, passed, total, who })),
    ).toEqual([
      { runId: 'r-ok', kind: 'run', verdict: 'ok', passed: null, total: null, who: ada_ },
      { runId: 'r-tests', kind: 'tests', verdict: 'ok', passed: 2, total: 3, who: ada_ },
      { runId: 'r-slow', kind: 'run', verdict: 'time_limit', passed: null, total: null, who: ada_ },
      {
        runId,
        kind: 'run',
        verdict: null,
        passed: null,
        total: null,
        who: { name: 'candidate (API)', role: 'candidate' },
      },
    ]);
    expect(runs[0]).toMatchObject({ at: t + 1, finishedAt: t + 81 });
    const signals = all.filter((e) => e.type === 'paste' || e.type === 'focus');
    expect(signals.map(({ at: _at, ...e }) => e)).toEqual([
      { type: 'paste', who: ada_, chars: 640 },
      { type: 'focus', who: ada_, lost: true },
      { type: 'focus', who: ada_, lost: false },
    ]);
  });

  it('[PLAY12] the timeline keeps its first rows and counts the rest; the manifest says how many events it left out', async () => {
    const room = await createRoom();
    const kept = await runInDurableObject(stubOf(room.roomId), (_i, state) => {
      const timeline = new Timeline(state.storage.sql, 3);
      for (let i = 0; i < 5; i++) timeline.language({ name: 'Grace', role: 'interviewer' }, 'python', `l${i}`, i);
      return timeline.read();
    });
    // The room's first file is the first row; two switches fit after it, three are counted.
    expect(kept.events.map((e) => (e.type === 'language' ? e.to : e.type))).toEqual(['file', 'l0', 'l1']);
    expect(kept.omitted).toBe(3);
    const manifest = await manifestOf(room.roomId, room.tokens.interviewer);
    expect(manifest.events.filter((e) => e.type === 'language')).toHaveLength(2);
    expect(manifest.eventsOmitted).toBe(3);
  });
});
