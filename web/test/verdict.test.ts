import type { FinishedRun } from '@codesync/worker/runs';
import { expect, it } from 'vitest';
import { isGood, verdictText } from '../src/run/verdict';

const run = (patch: Partial<FinishedRun>): FinishedRun => ({
  runId: 'r',
  kind: 'run',
  startedBy: { name: 'Cara', role: 'candidate' },
  language: 'python',
  path: 'main.py',
  stdin: '',
  createdAt: 0,
  state: 'finished',
  output: [],
  truncated: false,
  startedAt: 0,
  finishedAt: 1,
  verdict: 'ok',
  exitCode: 0,
  signal: null,
  timeMs: 1,
  memoryKb: 1,
  compileTimeMs: null,
  compileMemoryKb: null,
  diagnostics: [],
  ...patch,
});

it('[WEB9] a Python syntax error is named so; other runtime errors stay runtime errors', () => {
  const stderr = (data: string) => [{ stream: 'stderr' as const, data }];
  expect(verdictText(run({ verdict: 'runtime_error', output: stderr('  File "main.py"\nSyntaxError: bad\n') }))).toBe(
    'Syntax error',
  );
  expect(verdictText(run({ verdict: 'runtime_error', output: stderr('IndentationError: x\n') }))).toBe('Syntax error');
  expect(verdictText(run({ verdict: 'runtime_error', output: stderr('ValueError: SyntaxError\n') }))).toBe(
    'Runtime error',
  );
});

it('[WEB9] a limit says the limit', () => {
  expect(verdictText(run({ verdict: 'time_limit' }))).toBe('Time limit (5 s)');
  expect(verdictText(run({ verdict: 'memory_limit' }))).toBe('Memory limit (256 MB)');
});

it('[TR8] a finished test run is named by its cases, and is good only when every case passed', () => {
  const outcome = (id: string, verdict: 'passed' | 'wrong_answer') =>
    ({ id, hidden: true, verdict, timeMs: 1, redacted: true }) as const;
  const cases = [
    { id: 'a', hidden: true, redacted: true },
    { id: 'b', hidden: true, redacted: true },
  ] as const;
  const tested = (verdicts: ('passed' | 'wrong_answer')[]) =>
    run({ kind: 'tests', tests: { cases: [...cases], outcomes: verdicts.map((v, i) => outcome(`${'ab'[i]}`, v)) } });
  expect(verdictText(tested(['passed', 'wrong_answer']))).toBe('1/2 tests passed');
  expect(isGood(tested(['passed', 'wrong_answer']))).toBe(false);
  expect(isGood(tested(['passed', 'passed']))).toBe(true);
  expect(verdictText({ ...tested([]), verdict: 'compile_error' })).toBe('Compile error');
});
