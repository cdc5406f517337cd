/**
 * The run machine, driven directly: starts and refusals, the executor's answers,
 * events out of order / twice / late, and the check that recovers lost callbacks.
 */
import { describe, expect, it } from 'vitest';
import {
  RUN_CHECK_INTERVAL_MS,
  RUN_DEADLINE_MS,
  RUN_HELD_EVENT_BYTES,
  RUN_OUTPUT_KB,
  RUNS_PER_ROOM_PER_MINUTE,
} from '../../../src/limits';
import { step } from '../../../src/runs/machine';
import { context, Driven, numbered, result, T0 } from './support';

describe('starting a run', () => {
  it('[RUN3] stores the queued run, then broadcasts it, then posts the job from the files everyone sees', () => {
    const d = Driven.started();
    expect(d.effects.map((e) => e.kind)).toEqual(['persist', 'broadcast', 'post']);
    expect(d.run).toEqual({
      runId: 'run-1',
      kind: 'run',
      state: 'queued',
      startedBy: { name: 'Cara', role: 'candidate' },
      language: 'python',
      path: 'main.py',
      stdin: '1 2\n',
      createdAt: T0,
      limits: { timeMs: 5000, memoryMb: 256 },
    });
    expect(d.effects[2]).toEqual({
      kind: 'post',
      runId: 'run-1',
      job: {
        language: 'python',
        files: [{ path: 'main.py', content: 'print(input())\n' }],
        entry: 'main.py',
        stdin: '1 2\n',
        limits: { outputKb: RUN_OUTPUT_KB, timeMs: 5000, memoryMb: 256 },
        analyze: true,
        callbackUrl: 'https://codesync.test/internal/runs/run-1/events',
        requestId: 'room-1:run-1',
      },
    });
  });

  it('[RUN1] one run at a time: a second start while one is open is refused and stores nothing', () => {
    const d = Driven.started({ openRuns: 1 });
    expect(d.record).toBeNull();
    expect(d.effects).toEqual([{ kind: 'refuse', refusal: expect.objectContaining({ code: 'run_in_progress' }) }]);
  });

  it(`[RUN2] the per-minute limit: run ${RUNS_PER_ROOM_PER_MINUTE} is allowed, the next is refused`, () => {
    expect(Driven.started({ startsInLastMinute: RUNS_PER_ROOM_PER_MINUTE - 1 }).record).not.toBeNull();
    const refused = Driven.started({ startsInLastMinute: RUNS_PER_ROOM_PER_MINUTE });
    expect(refused.record).toBeNull();
    expect(refused.effects[0]).toMatchObject({
      kind: 'refuse',
      refusal: { code: 'rate_limited', message: expect.stringContaining(`${RUNS_PER_ROOM_PER_MINUTE} times a minute`) },
    });
  });

  it('[RUN4] refuses an ended room and a file that does not exist, naming the file', () => {
    expect(Driven.started({ roomActive: false }).effects[0]).toMatchObject({ refusal: { code: 'room_ended' } });
    const d = new Driven();
    d.input({
      kind: 'start',
      now: T0,
      request: { runId: 'run-1', by: { name: 'Cara', role: 'candidate' }, path: 'nope.py' },
      context: context(),
    });
    expect(d.effects[0]).toMatchObject({
      refusal: { code: 'no_such_file', message: expect.stringContaining('nope.py') },
    });
  });
});

describe("the executor's answer to the job", () => {
  it('[RUN8] accepted: the job id is stored and a check is scheduled', () => {
    const d = Driven.accepted();
    expect(d.stored?.jobId).toBe('job-1');
    expect(d.effects.at(-1)).toEqual({ kind: 'schedule-check', at: T0 + 5 + RUN_CHECK_INTERVAL_MS });
    expect(d.run.state).toBe('queued');
  });

  it('[RUN10] busy: the run fails with the retry time, stored before it is broadcast', () => {
    const d = Driven.started();
    const effects = d.input({
      kind: 'posted',
      now: T0 + 5,
      outcome: { kind: 'busy', retryAfterS: 7, message: 'The code runner is busy. Try again in 7 s.' },
    });
    expect(effects.map((e) => e.kind)).toEqual(['persist', 'broadcast']);
    expect(d.run).toMatchObject({
      state: 'failed',
      error: 'executor_busy',
      retryAfterS: 7,
      startedAt: null,
      finishedAt: T0 + 5,
      message: 'The code runner is busy. Try again in 7 s.',
    });
    expect(d.folded()).toEqual(d.run);
  });

  it('[RUN10] unreachable and refused fail the run in words', () => {
    const unreachable = Driven.started();
    unreachable.input({ kind: 'posted', now: T0, outcome: { kind: 'unreachable', message: 'could not be reached' } });
    expect(unreachable.run).toMatchObject({ state: 'failed', error: 'executor_unreachable' });
    const refused = Driven.started();
    refused.input({
      kind: 'posted',
      now: T0,
      outcome: { kind: 'refused', message: 'files[0] too big', code: 'bad_request' },
    });
    expect(refused.run).toMatchObject({
      state: 'failed',
      error: 'executor_refused',
      message: 'The code runner refused this run: files[0] too big',
    });
  });

  it('[RUN8] accepted after its events already finished it: only the job id is stored, no check', () => {
    const d = Driven.started();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'finished', result: result() });
    const effects = d.input({ kind: 'posted', now: T0 + 50, outcome: { kind: 'accepted', jobId: 'job-1' } });
    expect(effects.map((e) => e.kind)).toEqual(['persist']);
    expect(d.run.state).toBe('finished');
  });
});

describe('executor events', () => {
  it('[RUN13] in order: the room and a browser folding the broadcasts hold the same run', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'output', stream: 'stdout', data: 'a' });
    d.event(2, { type: 'output', stream: 'stderr', data: 'b' });
    d.event(3, { type: 'output', stream: 'stdout', data: 'c' });
    d.event(4, { type: 'finished', result: result({ stdout: 'ac', stderr: 'b' }) });
    expect(d.broadcasts()).toEqual(['queued', 'started', 'output', 'output', 'output', 'finished']);
    expect(d.run).toMatchObject({
      state: 'finished',
      verdict: 'ok',
      startedAt: T0 + 10,
      finishedAt: T0 + 14,
      // The streamed order across streams is kept: the result could not tell it.
      output: [
        { stream: 'stdout', data: 'a' },
        { stream: 'stderr', data: 'b' },
        { stream: 'stdout', data: 'c' },
      ],
    });
    expect(d.folded()).toEqual(d.run);
    expect(d.stored?.run).toEqual(d.run);
  });

  it('[RUN5] out of order: early events are held (and stored) until their turn, then applied in seq order', () => {
    const d = Driven.accepted();
    expect(d.event(2, { type: 'output', stream: 'stdout', data: 'world\n' })).toEqual([
      { kind: 'persist', record: expect.objectContaining({ held: [expect.objectContaining({ seq: 2 })] }) },
    ]);
    d.event(1, { type: 'output', stream: 'stdout', data: 'hello ' });
    expect(d.run.state).toBe('queued');
    expect(d.stored?.held.map((h) => h.seq)).toEqual([1, 2]);
    const effects = d.event(0, { type: 'started' });
    expect(effects.map((e) => e.kind)).toEqual(['persist', 'broadcast', 'broadcast', 'broadcast']);
    expect(d.run).toMatchObject({ state: 'running', output: [{ stream: 'stdout', data: 'hello world\n' }] });
    expect(d.stored).toMatchObject({ nextSeq: 3, held: [] });
    expect(d.folded()).toEqual(d.run);
  });

  it('[RUN6] duplicates (retried deliveries) are dropped, applied or held', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'output', stream: 'stdout', data: 'x' });
    expect(d.event(1, { type: 'output', stream: 'stdout', data: 'x' })).toEqual([]);
    d.event(3, { type: 'output', stream: 'stdout', data: 'z' });
    expect(d.event(3, { type: 'output', stream: 'stdout', data: 'z' })).toEqual([]);
    d.event(2, { type: 'output', stream: 'stdout', data: 'y' });
    expect(d.run).toMatchObject({ output: [{ stream: 'stdout', data: 'xyz' }] });
    expect(d.folded()).toEqual(d.run);
  });

  it('[RUN7] analysis is taken after finished; anything else after the run closed is ignored', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'finished', result: result({ verdict: 'runtime_error', exitCode: 1 }) });
    const diagnostics = [
      { path: 'main.py', line: 1, column: 1, severity: 'error' as const, message: 'bad', source: 'py' },
    ];
    expect(d.event(5, { type: 'output', stream: 'stdout', data: 'late' })).toEqual([]);
    d.event(2, { type: 'analysis', diagnostics });
    expect(d.run).toMatchObject({ state: 'finished', verdict: 'runtime_error', diagnostics, output: [] });
    expect(d.broadcasts().at(-1)).toBe('analysis');
    expect(d.folded()).toEqual(d.run);

    const failed = Driven.accepted();
    failed.input({ kind: 'posted', now: T0, outcome: { kind: 'unreachable', message: 'gone' } });
    expect(failed.event(0, { type: 'started' })).toEqual([]);
    expect(failed.event(1, { type: 'analysis', diagnostics })).toEqual([]);
    expect(failed.run.state).toBe('failed');
  });

  it('[RUN16] an event for a run the room does not know changes nothing', () => {
    expect(step(null, { kind: 'event', now: T0, event: numbered(0, { type: 'started' }) })).toEqual({
      record: null,
      effects: [],
    });
  });

  it(`[RUN10] early events past ${RUN_HELD_EVENT_BYTES} bytes are dropped, and the check still finishes the run`, () => {
    const d = Driven.accepted();
    const chunk = 'x'.repeat(16 * 1024);
    for (let seq = 2; seq < 40; seq++) d.event(seq, { type: 'output', stream: 'stdout', data: chunk });
    const heldBytes = new TextEncoder().encode(JSON.stringify(d.stored?.held)).byteLength;
    expect(heldBytes).toBeLessThanOrEqual(RUN_HELD_EVENT_BYTES);
    expect(d.stored?.held.length).toBeLessThan(38);
    d.input({ kind: 'tick', now: T0 + 3_000 });
    d.input({ kind: 'looked-up', now: T0 + 3_100, outcome: { kind: 'found', result: result({ stdout: 'all' }) } });
    expect(d.run).toMatchObject({ state: 'finished', output: [{ stream: 'stdout', data: 'all' }] });
    expect(d.stored?.held).toEqual([]);
  });
});

describe('the check (alarm)', () => {
  it('[RUN8] lost callbacks: the executor says the job finished, so the run finishes from its result', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'output', stream: 'stdout', data: 'par' });
    // seq 2 (the rest of the output) and 3 (finished) never arrive.
    expect(d.input({ kind: 'tick', now: T0 + 3_000 })).toEqual([{ kind: 'lookup', runId: 'run-1', jobId: 'job-1' }]);
    d.input({
      kind: 'looked-up',
      now: T0 + 3_100,
      outcome: { kind: 'found', result: result({ stdout: 'partial\n', stderr: 'warn' }) },
    });
    expect(d.run).toMatchObject({
      state: 'finished',
      finishedAt: T0 + 3_100,
      // Chunks went missing: the result's whole output replaces them.
      output: [
        { stream: 'stdout', data: 'partial\n' },
        { stream: 'stderr', data: 'warn' },
      ],
    });
    expect(d.folded()).toEqual(d.run);
    // The lost events turn up after all: ignored, but the analysis is still taken.
    expect(d.event(2, { type: 'output', stream: 'stdout', data: 'tial\n' })).toEqual([]);
    expect(d.event(4, { type: 'analysis', diagnostics: [] }).map((e) => e.kind)).toEqual(['persist', 'broadcast']);
  });

  it('[RUN8] a job still running: check again later', () => {
    const d = Driven.accepted();
    d.input({ kind: 'tick', now: T0 + 3_000 });
    const effects = d.input({
      kind: 'looked-up',
      now: T0 + 3_000,
      outcome: { kind: 'found', result: result({ status: 'running', verdict: null }) },
    });
    expect(effects).toEqual([{ kind: 'schedule-check', at: T0 + 3_000 + RUN_CHECK_INTERVAL_MS }]);
    expect(d.run.state).toBe('queued');
  });

  it('[RUN10] an executor that stopped answering, or lost the job, fails the run with words to act on', () => {
    const dead = Driven.accepted();
    dead.input({ kind: 'tick', now: T0 + 3_000 });
    dead.input({ kind: 'looked-up', now: T0 + 3_000, outcome: { kind: 'unreachable', message: 'ECONNREFUSED' } });
    expect(dead.run).toMatchObject({ state: 'failed', error: 'executor_unreachable' });
    expect(dead.run.state === 'failed' && dead.run.message).toMatch(/stopped answering/);

    const restarted = Driven.accepted();
    restarted.event(0, { type: 'started' });
    restarted.input({ kind: 'tick', now: T0 + 3_000 });
    restarted.input({ kind: 'looked-up', now: T0 + 3_000, outcome: { kind: 'missing' } });
    expect(restarted.run).toMatchObject({ state: 'failed', error: 'executor_unreachable', startedAt: T0 + 10 });
    expect(restarted.run.state === 'failed' && restarted.run.message).toMatch(/lost this run/);
    expect(restarted.folded()).toEqual(restarted.run);
  });

  it('[EXEC16] a cluster node that did not take the job keeps the run open and checked; its events still land, and the deadline still ends it', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.input({ kind: 'tick', now: T0 + 3_000 });
    const effects = d.input({ kind: 'looked-up', now: T0 + 3_000, outcome: { kind: 'elsewhere' } });
    expect(effects).toEqual([{ kind: 'schedule-check', at: T0 + 3_000 + RUN_CHECK_INTERVAL_MS }]);
    expect(d.run.state).toBe('running');
    d.event(1, { type: 'finished', result: result() });
    expect(d.run).toMatchObject({ state: 'finished', verdict: 'ok' });

    const never = Driven.accepted();
    never.input({ kind: 'tick', now: T0 + 3_000 });
    never.input({ kind: 'looked-up', now: T0 + 3_000, outcome: { kind: 'elsewhere' } });
    never.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS + 1 });
    expect(never.run).toMatchObject({ state: 'failed', error: 'timed_out' });
  });

  it('[RUN9] past the deadline the run fails as timed out, whatever the executor would say', () => {
    const d = Driven.accepted();
    expect(d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS }).map((e) => e.kind)).toEqual(['lookup']);
    d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS + 1 });
    expect(d.run).toMatchObject({ state: 'failed', error: 'timed_out' });
  });

  it('[RUN8] a run whose POST is still in flight is checked again later, not looked up', () => {
    const d = Driven.started();
    expect(d.input({ kind: 'tick', now: T0 + 3_000 })).toEqual([
      { kind: 'schedule-check', at: T0 + 3_000 + RUN_CHECK_INTERVAL_MS },
    ]);
  });

  it('[RUN8] a closed run is left alone', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'finished', result: result() });
    expect(d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS * 2 })).toEqual([]);
    expect(d.input({ kind: 'looked-up', now: T0, outcome: { kind: 'missing' } })).toEqual([]);
  });
});
