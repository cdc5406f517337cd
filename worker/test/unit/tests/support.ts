/** A test run driven through the run machine, as the room's DO would drive it. */
import type { JobTestResult } from '@codesync/executor/api';
import type { TestCase } from '../../../src/tests/schema';
import { context, Driven, T0 } from '../runs/support';

/** Two visible and two hidden cases, with strings that appear nowhere else. */
export const CASES: TestCase[] = [
  {
    id: 'case-1',
    name: 'sample one',
    hidden: false,
    stdin: 'visible-in-1\n',
    expected: 'visible-out-1\n',
    compare: 'trimmed',
    timeLimitMs: null,
  },
  {
    id: 'case-2',
    name: 'sample two',
    hidden: false,
    stdin: 'visible-in-2\n',
    expected: 'visible-out-2\n',
    compare: 'exact',
    timeLimitMs: 2000,
  },
  {
    id: 'case-3',
    name: 'SECRET-NAME-3',
    hidden: true,
    stdin: 'SECRET-IN-3\n',
    expected: 'SECRET-OUT-3\n',
    compare: 'trimmed',
    timeLimitMs: null,
  },
  {
    id: 'case-4',
    name: 'SECRET-NAME-4',
    hidden: true,
    stdin: 'SECRET-IN-4\n',
    expected: 'SECRET-OUT-4\n',
    compare: 'trimmed',
    timeLimitMs: 3000,
  },
];

/** Strings a candidate must never be sent. */
export const SECRETS = ['SECRET-NAME', 'SECRET-IN', 'SECRET-OUT', 'SECRET-STDOUT', 'SECRET-STDERR'];

export function startTests(tests: TestCase[] = CASES, patch: Parameters<typeof context>[0] = {}): Driven {
  const d = new Driven();
  d.input({
    kind: 'start',
    now: T0,
    request: { runId: 'run-1', by: { name: 'Cara', role: 'candidate' }, tests },
    context: context(patch),
  });
  return d;
}

/** What the executor says of a case; a hidden case's output carries secret strings. */
export const judged = (id: string, patch: Partial<JobTestResult> = {}): JobTestResult => {
  const hidden = CASES.find((c) => c.id === id)?.hidden;
  return {
    id,
    verdict: 'passed',
    exitCode: 0,
    signal: null,
    timeMs: 12,
    memoryKb: 9000,
    stdout: hidden ? `SECRET-STDOUT-${id}\n` : `out of ${id}\n`,
    stderr: hidden ? `SECRET-STDERR-${id}\n` : '',
    truncated: false,
    ...patch,
  };
};
