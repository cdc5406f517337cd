/**
 * How a finished run is named in the console: the verdict in words, with the limit
 * that was hit, and a syntax error called one (Python reports it at run time, so the
 * executor's verdict is `runtime_error`).
 */
import { DEFAULT_LIMITS } from '@codesync/executor/limits';
import { type FinishedRun, outputOf } from '@codesync/worker/runs';
import { tally } from '@codesync/worker/tests';

const VERDICT_TEXT: Record<FinishedRun['verdict'], string> = {
  ok: 'OK',
  compile_error: 'Compile error',
  runtime_error: 'Runtime error',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  internal_error: 'Internal error',
};

/** Errors found before any line ran, by language: their last stderr line names them. */
const SYNTAX_ERROR = /^(SyntaxError|IndentationError|TabError)\b/m;

/** A run that went well: a plain run that ended `ok`, a test run whose every case passed. */
export function isGood(run: FinishedRun): boolean {
  if (run.verdict !== 'ok') return false;
  if (!run.tests) return true;
  const { passed, total } = tally(run.tests);
  return passed === total;
}

export function verdictText(run: FinishedRun): string {
  // A test job the executor finished is told by its cases (its own verdict is `ok` even when cases fail).
  if (run.tests && run.verdict === 'ok') {
    const { passed, total } = tally(run.tests);
    return `${passed}/${total} tests passed`;
  }
  switch (run.verdict) {
    case 'time_limit':
      return `Time limit (${DEFAULT_LIMITS.timeMs / 1000} s)`;
    case 'memory_limit':
      return `Memory limit (${DEFAULT_LIMITS.memoryMb} MB)`;
    case 'runtime_error': {
      const stderr = outputOf(run)
        .filter((o) => o.stream === 'stderr')
        .map((o) => o.data)
        .join('');
      return run.language === 'python' && SYNTAX_ERROR.test(stderr) ? 'Syntax error' : VERDICT_TEXT.runtime_error;
    }
    default:
      return VERDICT_TEXT[run.verdict];
  }
}
