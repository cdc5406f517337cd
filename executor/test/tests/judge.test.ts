/**
 * The judge alone (no sandbox): which verdict wins when a case broke several rules, and
 * what the cases that never ran get, by how the job ended.
 */
import { describe, expect, it } from 'vitest';
import type { JobTestCase } from '../../src/api';
import type { CaseOutcome } from '../../src/sandbox/cases';
import { judge, unjudged } from '../../src/tests/judge';

const testCase: JobTestCase = { id: 'c', stdin: '', expected: 'ok\n', compare: 'trimmed' };
const ran = (over: Partial<CaseOutcome>): CaseOutcome => ({
  index: 0,
  status: 0,
  killedFor: null,
  oomKilled: false,
  timeMs: 10,
  memoryKb: 1000,
  stdout: 'ok\n',
  stderr: '',
  truncated: false,
  ...over,
});

describe('verdicts', () => {
  it("[TJ10] the runner's stops win over the OOM killer, which wins over the exit status; only a clean exit is compared", () => {
    expect(judge(testCase, ran({})).verdict).toBe('passed');
    expect(judge(testCase, ran({ stdout: 'ok  \n\n' })).verdict).toBe('passed');
    expect(judge(testCase, ran({ stdout: 'no\n' })).verdict).toBe('wrong_answer');
    expect(judge(testCase, ran({ status: 1 })).verdict).toBe('runtime_error');
    expect(judge(testCase, ran({ status: 139 }))).toMatchObject({ verdict: 'runtime_error', signal: 'SIGSEGV' });
    expect(judge(testCase, ran({ status: 137, oomKilled: true })).verdict).toBe('memory_limit');
    expect(judge(testCase, ran({ status: 137, oomKilled: true, killedFor: 'time' })).verdict).toBe('time_limit');
    expect(judge(testCase, ran({ status: 137, killedFor: 'output', truncated: true })).verdict).toBe('output_limit');
    // Output cut at the cap is never compared, even when what was kept would match.
    expect(judge(testCase, ran({ truncated: true })).verdict).toBe('output_limit');
  });

  it('[TJ10] cases that never ran: all skipped after a compile error, the running one takes the stop and the rest are skipped, all internal_error when the executor failed', () => {
    const cases = [testCase, { ...testCase, id: 'd' }, { ...testCase, id: 'e' }];
    const verdicts = (v: Parameters<typeof unjudged>[1]) => unjudged(cases, v).map((t) => t.verdict);
    expect(verdicts('compile_error')).toEqual(['skipped', 'skipped', 'skipped']);
    expect(verdicts('time_limit')).toEqual(['time_limit', 'skipped', 'skipped']);
    expect(verdicts('memory_limit')).toEqual(['memory_limit', 'skipped', 'skipped']);
    expect(verdicts('internal_error')).toEqual(['internal_error', 'internal_error', 'internal_error']);
    expect(verdicts('ok')).toEqual(['internal_error', 'internal_error', 'internal_error']);
    expect(unjudged(cases, 'time_limit').map((t) => t.id)).toEqual(['c', 'd', 'e']);
  });

  it('[RT10] a case that never started because the sandbox stopped says so in words; after a compile error it says nothing', () => {
    const cases = [testCase, { ...testCase, id: 'd' }];
    expect(unjudged(cases, 'memory_limit').map((t) => t.stderr)).toEqual([
      '',
      'Not run: the sandbox stopped during case "c" (it ran out of memory, which under gVisor ends the whole sandbox). ' +
        'Fix that case, or run this one on its own.\n',
    ]);
    expect(unjudged(cases, 'time_limit')[1]?.stderr).toContain('the test run went past its time');
    expect(unjudged(cases, 'compile_error').map((t) => t.stderr)).toEqual(['', '']);
  });
});
