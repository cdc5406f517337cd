import { queuedRun, type Run } from '@codesync/worker/messages';
import { describe, expect, it } from 'vitest';
import { applyRunMessage, isActive, MAX_RUNS_SHOWN } from '../src/room/runs';

const run = (runId: string, patch: Partial<Run> = {}): Run => ({
  ...queuedRun({
    runId,
    startedBy: { name: 'Cara', role: 'candidate' },
    language: 'python',
    path: 'main.py',
    stdin: '',
    createdAt: 1,
  }),
  ...patch,
});

describe('folding run messages', () => {
  it('follows a run from queued to finished, joining output chunks per stream', () => {
    let runs = applyRunMessage([], { type: 'run.queued', run: run('a') });
    runs = applyRunMessage(runs, { type: 'run.started', runId: 'a', seq: 0, state: 'running' });
    expect(runs[0]?.state).toBe('running');
    expect(isActive(runs[0] as Run)).toBe(true);
    runs = applyRunMessage(runs, {
      type: 'run.output',
      runId: 'a',
      seq: 1,
      state: 'running',
      stream: 'stdout',
      data: 'he',
    });
    runs = applyRunMessage(runs, {
      type: 'run.output',
      runId: 'a',
      seq: 2,
      state: 'running',
      stream: 'stdout',
      data: 'llo\n',
    });
    runs = applyRunMessage(runs, {
      type: 'run.output',
      runId: 'a',
      seq: 3,
      state: 'running',
      stream: 'stderr',
      data: 'oops',
    });
    expect(runs[0]?.output).toEqual([
      { stream: 'stdout', data: 'hello\n' },
      { stream: 'stderr', data: 'oops' },
    ]);
    const done = run('a', { state: 'finished', verdict: 'ok', output: [{ stream: 'stdout', data: 'hello\n' }] });
    runs = applyRunMessage(runs, { type: 'run.finished', runId: 'a', seq: 4, state: 'finished', run: done });
    expect(runs).toEqual([done]);
    expect(isActive(done)).toBe(false);
  });

  it('takes the history as it comes, keeps at most the newest runs, and ignores other messages', () => {
    const many = Array.from({ length: MAX_RUNS_SHOWN + 5 }, (_, i) => run(String(i)));
    const runs = applyRunMessage([], { type: 'runs', runs: many });
    expect(runs).toHaveLength(MAX_RUNS_SHOWN);
    expect(runs.at(-1)?.runId).toBe(String(MAX_RUNS_SHOWN + 4));
    expect(applyRunMessage(runs, { type: 'presence', peers: [] })).toBe(runs);
  });

  it('ignores events for a run it does not know', () => {
    const runs = [run('a')];
    expect(applyRunMessage(runs, { type: 'run.started', runId: 'zzz', seq: 0, state: 'running' })).toEqual(runs);
  });
});
