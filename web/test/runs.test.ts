import type { Run, RunEvent } from '@codesync/worker/runs';
import { describe, expect, it } from 'vitest';
import { applyRunMessage, isActive, MAX_RUNS_SHOWN } from '../src/room/runs';

const queued = (runId: string): Extract<Run, { state: 'queued' }> => ({
  runId,
  state: 'queued',
  startedBy: { name: 'Cara', role: 'candidate' },
  language: 'python',
  path: 'main.py',
  stdin: '',
  createdAt: 1,
});
const event = (runId: string, e: RunEvent) => ({ type: 'run.event' as const, runId, event: e });

describe('the room runs list', () => {
  it('[RUN13] follows a run from queued to finished with the shared fold, joining output chunks per stream', () => {
    let runs = applyRunMessage([], { type: 'run.queued', run: queued('a') });
    runs = applyRunMessage(runs, event('a', { type: 'started', at: 2 }));
    expect(runs[0]).toMatchObject({ state: 'running', startedAt: 2 });
    expect(isActive(runs[0] as Run)).toBe(true);
    for (const [stream, data] of [
      ['stdout', 'he'],
      ['stdout', 'llo\n'],
      ['stderr', 'oops'],
    ] as const) {
      runs = applyRunMessage(runs, event('a', { type: 'output', at: 3, stream, data }));
    }
    expect(runs[0]).toMatchObject({
      output: [
        { stream: 'stdout', data: 'hello\n' },
        { stream: 'stderr', data: 'oops' },
      ],
    });
    runs = applyRunMessage(
      runs,
      event('a', {
        type: 'finished',
        at: 4,
        verdict: 'ok',
        exitCode: 0,
        signal: null,
        timeMs: 12,
        memoryKb: 900,
        truncated: false,
        diagnostics: null,
        output: null,
      }),
    );
    expect(runs[0]).toMatchObject({ state: 'finished', verdict: 'ok', finishedAt: 4, timeMs: 12 });
    expect(isActive(runs[0] as Run)).toBe(false);
  });

  it('[RUN11] takes the history as it comes, keeps at most the newest runs, and ignores other messages', () => {
    const many = Array.from({ length: MAX_RUNS_SHOWN + 5 }, (_, i) => queued(String(i)));
    const runs = applyRunMessage([], { type: 'runs', runs: many });
    expect(runs).toHaveLength(MAX_RUNS_SHOWN);
    expect(runs.at(-1)?.runId).toBe(String(MAX_RUNS_SHOWN + 4));
    expect(applyRunMessage(runs, { type: 'presence', peers: [] })).toBe(runs);
  });

  it('[RUN16] ignores events for a run it does not know', () => {
    const runs = [queued('a')];
    expect(applyRunMessage(runs, event('zzz', { type: 'started', at: 2 }))).toEqual(runs);
  });
});
