/**
 * A test job's verdicts. The sandbox reports how each case ran (sandbox/cases.ts); the
 * judging happens here, in the executor's process, because a case's expected output
 * never enters the sandbox. The comparison is the one the worker uses (compare.ts).
 *
 * @example
 * judge(job.tests[0], outcome); // { id, verdict: 'passed' | 'wrong_answer' | …, stdout, … }
 */
import type { JobTestCase, JobTestResult, TestVerdict, Verdict } from '../api';
import type { CaseOutcome } from '../sandbox/cases';
import { splitStatus } from '../sandbox/verdict';
import { outputMatches } from './compare';

/**
 * How one case did. The runner's own stops win (output cap, then wall clock), then the
 * OOM killer, then the exit status; only a clean exit is compared with `expected`.
 * Cut output is never compared: it is `output_limit`.
 */
export function judge(testCase: JobTestCase, outcome: CaseOutcome): JobTestResult {
  return {
    id: testCase.id,
    verdict: verdictOf(testCase, outcome),
    ...splitStatus(outcome.status),
    timeMs: outcome.timeMs,
    memoryKb: outcome.memoryKb,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    truncated: outcome.truncated,
  };
}

function verdictOf(testCase: JobTestCase, o: CaseOutcome): TestVerdict {
  if (o.killedFor === 'output' || o.truncated) return 'output_limit';
  if (o.killedFor === 'time') return 'time_limit';
  if (o.oomKilled) return 'memory_limit';
  if (o.status !== 0) return 'runtime_error';
  return outputMatches(testCase.expected, o.stdout, testCase.compare) ? 'passed' : 'wrong_answer';
}

/**
 * The cases the sandbox never judged, given how the job ended: after a failed compile
 * none ran (`skipped`); when the sandbox itself failed, `internal_error`; when the host
 * stopped the whole sandbox (its deadline, memory, a crash of the runner) the case that
 * was running gets that verdict and the rest are `skipped`, saying so in their stderr
 * (under gVisor a program out of memory ends the whole sandbox, not only itself).
 */
export function unjudged(cases: JobTestCase[], jobVerdict: Verdict): JobTestResult[] {
  return cases.map((testCase, i) => {
    const verdict = unjudgedVerdict(jobVerdict, i === 0);
    const stopped = verdict === 'skipped' && jobVerdict !== 'compile_error';
    return {
      id: testCase.id,
      verdict,
      exitCode: null,
      signal: null,
      timeMs: null,
      memoryKb: null,
      stdout: '',
      stderr: stopped ? notRun(cases[0]?.id ?? '', jobVerdict) : '',
      truncated: false,
    };
  });
}

const STOPPED_BECAUSE: Partial<Record<Verdict, string>> = {
  time_limit: 'the test run went past its time',
  memory_limit: 'it ran out of memory, which under gVisor ends the whole sandbox',
  output_limit: 'it wrote past the output limit',
  runtime_error: 'the sandbox ended with it',
};

/** Why a case never started: the case the sandbox stopped in, and what stopped it. */
function notRun(runningId: string, jobVerdict: Verdict): string {
  return (
    `Not run: the sandbox stopped during case "${runningId}" (${STOPPED_BECAUSE[jobVerdict] ?? jobVerdict}). ` +
    'Fix that case, or run this one on its own.\n'
  );
}

function unjudgedVerdict(jobVerdict: Verdict, wasRunning: boolean): TestVerdict {
  switch (jobVerdict) {
    case 'compile_error':
      return 'skipped';
    case 'ok': // the runner ended well without reporting every case: not the program's doing
    case 'internal_error':
      return 'internal_error';
    case 'time_limit':
    case 'memory_limit':
    case 'output_limit':
    case 'runtime_error':
      return wasRunning ? jobVerdict : 'skipped';
    default: {
      const unknown: never = jobVerdict;
      throw new Error(`unknown verdict ${String(unknown)}`);
    }
  }
}
