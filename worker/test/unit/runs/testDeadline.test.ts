/**
 * A test run's deadline: the room gives up on a run after RUN_DEADLINE_MS, but a test
 * run's cases each have their own time limit, all of which the executor may use.
 */
import { DEFAULT_LIMITS } from '@codesync/executor/limits';
import { expect, it } from 'vitest';
import { RUN_DEADLINE_MS } from '../../../src/limits';
import type { TestCase } from '../../../src/tests/schema';
import { context, Driven, T0 } from './support';

const CASES = 20;
const tests: TestCase[] = Array.from({ length: CASES }, (_, i) => ({
  id: `case-${String(i).padStart(7, '0')}`,
  name: `case ${i}`,
  hidden: i >= 2,
  stdin: `${i}\n`,
  expected: `${i}\n`,
  compare: 'trimmed',
  timeLimitMs: null,
}));

it("[RUN9] a test run is given its cases' time limits on top of RUN_DEADLINE_MS: 20 cases that all time out are not cut at 90 s", () => {
  const d = new Driven();
  d.input({
    kind: 'start',
    now: T0,
    request: { runId: 'run-1', by: { name: 'Cara', role: 'candidate' }, tests },
    context: context(),
  });
  d.input({ kind: 'posted', now: T0 + 5, outcome: { kind: 'accepted', jobId: 'job-1' } });
  // A solution that loops forever: the executor runs every case to its limit (the job's default, 5 s each).
  const casesMs = CASES * DEFAULT_LIMITS.timeMs;
  expect(casesMs).toBeGreaterThan(RUN_DEADLINE_MS);
  expect(d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS + 1 }).map((e) => e.kind)).toEqual(['lookup']);
  expect(d.run.state).toBe('queued');
  expect(d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS + casesMs }).map((e) => e.kind)).toEqual(['lookup']);
  d.input({ kind: 'tick', now: T0 + RUN_DEADLINE_MS + casesMs + 1 });
  expect(d.run).toMatchObject({ state: 'failed', error: 'timed_out' });
});
