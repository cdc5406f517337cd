/**
 * A case's outcome as the room keeps it, from the executor's per-case result: marked
 * hidden or not from the run's own case (never from the executor), and its output cut
 * at TEST_STORED_OUTPUT_BYTES a stream so fifty cases fit in the run's row.
 */
import type { JobTestResult } from '@codesync/executor/api';
import { TEST_STORED_OUTPUT_BYTES } from '../limits';
import { jsonStringBytes } from '../runs/output';
import type { Run } from '../runs/run';
import type { CaseOutcome } from './schema';

function cut(s: string): { data: string; cut: boolean } {
  const { fits } = jsonStringBytes(s, TEST_STORED_OUTPUT_BYTES);
  return { data: s.slice(0, fits), cut: fits < s.length };
}

/** Null when the run has no such case (an id the room never sent). */
export function outcomeOf(run: Run, result: JobTestResult): CaseOutcome | null {
  const testCase = run.tests?.cases.find((c) => c.id === result.id);
  if (!testCase) return null;
  const stdout = cut(result.stdout);
  const stderr = cut(result.stderr);
  return {
    id: result.id,
    hidden: testCase.hidden,
    verdict: result.verdict,
    timeMs: result.timeMs,
    memoryKb: result.memoryKb,
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: stdout.data,
    stderr: stderr.data,
    truncated: result.truncated || stdout.cut || stderr.cut,
  };
}
