/**
 * The one fold, event by event: what each state takes and what it ignores.
 */
import { describe, expect, it } from 'vitest';
import { applyRunEvent } from '../../../src/runs/applyRunEvent';
import type { RunEvent } from '../../../src/runs/events';
import type { QueuedRun, Run } from '../../../src/runs/run';

const queued: QueuedRun = {
  runId: 'r',
  kind: 'run',
  state: 'queued',
  startedBy: { name: 'Ian', role: 'interviewer' },
  language: 'python',
  path: 'main.py',
  stdin: '',
  createdAt: 1,
};
const finished: RunEvent = {
  type: 'finished',
  at: 9,
  verdict: 'ok',
  exitCode: 0,
  signal: null,
  timeMs: 3,
  memoryKb: 4,
  compileTimeMs: null,
  compileMemoryKb: null,
  truncated: false,
  diagnostics: null,
  output: null,
};
const fold = (events: RunEvent[], from: Run = queued) => events.reduce(applyRunEvent, from);

describe('applyRunEvent', () => {
  it('[RUN13] output implies started, and keeps stream order, joining a stream’s consecutive chunks', () => {
    const run = fold([
      { type: 'output', at: 5, stream: 'compile', data: 'warn\n' },
      { type: 'output', at: 6, stream: 'stdout', data: 'a' },
      { type: 'output', at: 7, stream: 'stdout', data: 'b' },
    ]);
    expect(run).toEqual({
      ...queued,
      state: 'running',
      startedAt: 5,
      truncated: false,
      output: [
        { stream: 'compile', data: 'warn\n' },
        { stream: 'stdout', data: 'ab' },
      ],
    });
  });

  it('[RUN13] a queued run that fails has no start time; a running one keeps its output', () => {
    const busy: RunEvent = { type: 'failed', at: 2, error: 'executor_busy', message: 'busy', retryAfterS: 3 };
    expect(fold([busy])).toMatchObject({ state: 'failed', startedAt: null, output: [], retryAfterS: 3 });
    const lost: RunEvent = { type: 'failed', at: 8, error: 'executor_unreachable', message: 'gone', retryAfterS: null };
    expect(
      fold([{ type: 'started', at: 2 }, { type: 'output', at: 3, stream: 'stdout', data: 'x' }, lost]),
    ).toMatchObject({ state: 'failed', startedAt: 2, finishedAt: 8, output: [{ stream: 'stdout', data: 'x' }] });
  });

  it('[RUN13] finished takes the verdict; a result that replaces lost chunks replaces the output', () => {
    const streamed = fold([
      { type: 'started', at: 2 },
      { type: 'output', at: 3, stream: 'stdout', data: 'x' },
    ]);
    expect(applyRunEvent(streamed, finished)).toMatchObject({
      state: 'finished',
      verdict: 'ok',
      output: [{ stream: 'stdout', data: 'x' }],
    });
    const whole = applyRunEvent(streamed, { ...finished, output: [{ stream: 'stdout', data: 'xyz' }] });
    expect(whole).toMatchObject({ output: [{ stream: 'stdout', data: 'xyz' }], diagnostics: [] });
  });

  it('[RUN7] a closed run ignores everything but analysis after finished', () => {
    const done = fold([{ type: 'started', at: 2 }, finished]);
    const diagnostics = [{ path: 'main.py', line: 2, column: 1, severity: 'info' as const, message: 'm', source: 's' }];
    expect(applyRunEvent(done, { type: 'output', at: 10, stream: 'stdout', data: 'late' })).toBe(done);
    expect(applyRunEvent(done, { ...finished, verdict: 'runtime_error' })).toBe(done);
    expect(applyRunEvent(done, { type: 'analysis', at: 10, diagnostics })).toEqual({ ...done, diagnostics });
    const failed = fold([{ type: 'failed', at: 2, error: 'timed_out', message: 'slow', retryAfterS: null }]);
    expect(applyRunEvent(failed, { type: 'analysis', at: 10, diagnostics })).toBe(failed);
    expect(applyRunEvent(failed, finished)).toBe(failed);
  });

  it('[RUN7] analysis before finished has nowhere to go: an open run is unchanged', () => {
    const running = fold([{ type: 'started', at: 2 }]);
    expect(applyRunEvent(running, { type: 'analysis', at: 3, diagnostics: [] })).toBe(running);
  });
});

describe('compile and run figures (issue 9 item 14)', () => {
  it("[FIG3] a finished run keeps the compile step's time and memory apart from the run's", () => {
    const done = fold([
      { type: 'started', at: 1 },
      {
        ...(finished as Extract<RunEvent, { type: 'finished' }>),
        timeMs: 3,
        memoryKb: 1_200,
        compileTimeMs: 1_700,
        compileMemoryKb: 180_000,
      },
    ]);
    expect(done).toMatchObject({ timeMs: 3, memoryKb: 1_200, compileTimeMs: 1_700, compileMemoryKb: 180_000 });
  });
});
