/**
 * The job a run posts carries its limits (runs/start.ts): the room's, or the run's own
 * for what it sets; a test run keeps its question's. And a run's limits survive its
 * events, so the finished run still says what it ran under.
 */
import { describe, expect, it } from 'vitest';
import { RUN_OUTPUT_KB } from '../../../src/limits';
import { step } from '../../../src/runs/machine';
import { context, Driven, result, T0 } from './support';

const postedJob = (effects: ReturnType<typeof step>['effects']) => {
  const post = effects.find((e) => e.kind === 'post');
  if (post?.kind !== 'post') throw new Error('no job was posted');
  return post.job;
};

describe('a run’s limits in its job', () => {
  it('[RLIM6] the room’s limits go to the executor, and the run’s own win for what it sets', () => {
    const room = { limits: { timeMs: 3000, memoryMb: 128 } };
    const plain = step(null, {
      kind: 'start',
      now: T0,
      request: { runId: 'r1', by: { name: 'Cara', role: 'candidate' } },
      context: context(room),
    });
    expect(postedJob(plain.effects).limits).toEqual({ outputKb: RUN_OUTPUT_KB, timeMs: 3000, memoryMb: 128 });

    const own = step(null, {
      kind: 'start',
      now: T0,
      request: { runId: 'r2', by: { name: 'Cara', role: 'candidate' }, limits: { timeMs: 1000 } },
      context: context(room),
    });
    expect(postedJob(own.effects).limits).toEqual({ outputKb: RUN_OUTPUT_KB, timeMs: 1000, memoryMb: 128 });
    expect(own.record?.run.limits).toEqual({ timeMs: 1000, memoryMb: 128 });
  });

  it('[RLIM6] a test run keeps its question’s limits: the room’s are not sent', () => {
    const tests = step(null, {
      kind: 'start',
      now: T0,
      request: {
        runId: 'r3',
        by: { name: 'Cara', role: 'candidate' },
        tests: [
          { id: 'c1', name: 'one', stdin: '', expected: '1\n', compare: 'exact', hidden: false, timeLimitMs: null },
        ],
      },
      context: context({ limits: { timeMs: 1000, memoryMb: 64 } }),
    });
    expect(postedJob(tests.effects).limits).toEqual({ outputKb: RUN_OUTPUT_KB });
    expect(tests.record?.run.limits).toBeUndefined();
  });

  it('[RLIM7] a finished run still carries the limits it ran under', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'finished', result: result({ timeMs: 120, memoryKb: 9000 }) });
    expect(d.record?.run).toMatchObject({ state: 'finished', timeMs: 120, limits: { timeMs: 5000, memoryMb: 256 } });
  });
});
