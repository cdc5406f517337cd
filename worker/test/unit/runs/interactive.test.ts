/**
 * Interactive runs in the pure run code: the job an interactive start posts, typed
 * input folded as the run's output, and a result that never replaces the echoes.
 */
import { describe, expect, it } from 'vitest';
import { INTERACTIVE_TIME_MS } from '../../../../executor/src/limits';
import { RUN_DEADLINE_MS } from '../../../src/limits';
import { runDeadlineMs, step } from '../../../src/runs/machine';
import type { RunRecord } from '../../../src/runs/record';
import { outputOf } from '../../../src/runs/run';
import { context, numbered, result, T0 } from './support';

const start = (request: object) =>
  step(null, {
    kind: 'start',
    now: T0,
    request: { runId: 'r', by: { name: 'Cara', role: 'candidate' }, ...request },
    context: context(),
  });

describe('an interactive start', () => {
  it('[INT1] posts a job with interactive: true and no stdin; the run waits the interactive deadline; stdin beside it is refused', () => {
    const { record, effects } = start({ interactive: true });
    expect(record?.run.interactive).toBe(true);
    const post = effects.find((e) => e.kind === 'post');
    expect(post?.kind === 'post' && post.job).toMatchObject({ interactive: true });
    expect(post?.kind === 'post' && 'stdin' in post.job).toBe(false);
    expect(runDeadlineMs((record as RunRecord).run)).toBe(RUN_DEADLINE_MS + INTERACTIVE_TIME_MS);
    const refused = start({ interactive: true, stdin: 'x' }).effects[0];
    expect(refused).toMatchObject({ kind: 'refuse', refusal: { code: 'bad_request', message: /stdin/ } });
  });
});

describe('typed input', () => {
  it("[INT11] is folded as stdin output with its typist, each person's kept apart, and a result with lost output keeps it", () => {
    let record = start({ interactive: true }).record as RunRecord;
    const input = (event: Parameters<typeof step>[1]) => {
      record = step(record, event).record as RunRecord;
    };
    input({ kind: 'event', now: T0, event: numbered(0, { type: 'started' }) });
    input({ kind: 'event', now: T0, event: numbered(1, { type: 'output', stream: 'stdout', data: 'name? ' }) });
    input({ kind: 'typed', now: T0, by: 'Ian', data: 'Ada\n' });
    input({ kind: 'typed', now: T0, by: 'Cara', data: 'Bob\n' });
    expect(outputOf(record.run)).toEqual([
      { stream: 'stdout', data: 'name? ' },
      { stream: 'stdin', data: 'Ada\n', by: 'Ian' },
      { stream: 'stdin', data: 'Bob\n', by: 'Cara' },
    ]);
    // A later chunk was lost on the way: the result replaces the program's output, never the echoes.
    input({
      kind: 'event',
      now: T0,
      event: numbered(3, { type: 'finished', result: result({ stdout: 'name? Hello Ada\n', stderr: '' }) }),
    });
    input({ kind: 'looked-up', now: T0, outcome: { kind: 'found', result: result({ stdout: 'name? Hello Ada\n' }) } });
    const typed = outputOf(record.run).filter((o) => o.stream === 'stdin');
    expect(typed).toEqual([
      { stream: 'stdin', data: 'Ada\n', by: 'Ian' },
      { stream: 'stdin', data: 'Bob\n', by: 'Cara' },
    ]);
    // Nothing is typed into a run that ended.
    const after = step(record, { kind: 'typed', now: T0, by: 'Ian', data: 'late\n' });
    expect(after.effects).toEqual([]);
  });
});
