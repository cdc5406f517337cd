import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/room/messages';
import { applyServerMessage, EMPTY_VIEW, MAX_RUNS_SHOWN, readServerMessage } from '../../src/room/roomView';
import type { RunEvent } from '../../src/runs/events';
import { isClosed, type Run } from '../../src/runs/run';
import { queuedRun } from './runs/support';

/** The runs as a participant's view folds them. */
const applyRunMessage = (runs: readonly Run[], message: ServerMessage) =>
  applyServerMessage({ ...EMPTY_VIEW, runs }, message).runs;
const isActive = (run: Run) => !isClosed(run);

const queued = (runId: string) => queuedRun(runId);
const event = (runId: string, e: RunEvent) => ({ type: 'run.event' as const, runId, event: e });

describe('the room view (the fold the web app and every test client use)', () => {
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
        compileTimeMs: null,
        compileMemoryKb: null,
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

  it('[SYNC8] keeps who you are, who is here, the room, and what was refused', () => {
    const room = {
      roomId: 'r',
      title: 'T',
      language: 'python',
      status: 'active' as const,
      createdAt: 1,
      endedAt: null,
      questionId: null,
      endsAt: null,
    };
    const you = { connId: 'c1', name: 'Ada', role: 'candidate' as const };
    let view = applyServerMessage(EMPTY_VIEW, { type: 'hello', you, room });
    view = applyServerMessage(view, { type: 'presence', peers: [you] });
    view = applyServerMessage(view, { type: 'error', code: 'read_only', message: 'no' });
    view = applyServerMessage(view, { type: 'room', room: { ...room, status: 'ended', endedAt: 2 } });
    expect(view).toMatchObject({ you, peers: [you], refusals: [{ code: 'read_only', message: 'no' }] });
    expect(view.room?.status).toBe('ended');
  });

  it('[SYNC8] reads text frames as checked room messages and leaves binary frames alone', () => {
    expect(readServerMessage(new Uint8Array([0, 1]))).toBeNull();
    expect(readServerMessage('{"type":"presence","peers":[]}')).toEqual({ type: 'presence', peers: [] });
    expect(() => readServerMessage('{"type":"presence","peers":"everyone"}')).toThrow(/not a room message/);
  });
});
