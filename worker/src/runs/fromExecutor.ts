/**
 * The executor's events as the room's run events: stamped with the time the room took
 * them, and `finished` told apart from lost output. What the room broadcasts and every
 * browser folds is the result of this, never the executor's event itself.
 */
import type { JobEvent, JobResult } from '@codesync/executor/api';
import { outcomeOf } from '../tests/outcome';
import type { CaseOutcome } from '../tests/schema';
import type { RunEvent } from './events';
import { capOutput } from './output';
import { outputOf, type Run } from './run';

/**
 * The room's event for an executor event: stamped with the time the room took it. Null:
 * nothing to fold. A test run keeps only the compile step's output: a case's stdout and
 * stderr belong to its outcome, and output that no case owns could come from a hidden one.
 */
export function fromExecutor(run: Run, event: JobEvent, now: number): RunEvent | null {
  switch (event.type) {
    case 'queued':
      return { type: 'queued', at: now, position: event.position };
    case 'started':
      return { type: 'started', at: now };
    case 'output':
      if (run.kind === 'tests' && event.stream !== 'compile') return null;
      return { type: 'output', at: now, stream: event.stream, data: event.data };
    case 'finished':
      return fromResult(run, event.result, now);
    case 'analysis':
      return { type: 'analysis', at: now, diagnostics: event.diagnostics };
    case 'test': {
      const outcome = outcomeOf(run, event.test);
      return outcome ? { type: 'test', at: now, outcome } : null;
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/**
 * `finished` from the executor's result. Streamed chunks keep the order the program
 * wrote them across streams, which the result (one string per stream) has lost, so
 * they stay unless some went missing; then the result replaces them.
 */
export function fromResult(run: Run, result: JobResult, now: number): RunEvent {
  const tests = run.kind === 'tests';
  const whole = [
    { stream: 'compile' as const, data: result.compileOutput },
    { stream: 'stdout' as const, data: tests ? '' : result.stdout },
    { stream: 'stderr' as const, data: tests ? '' : result.stderr },
  ].filter((o) => o.data.length > 0);
  // Typed input is the room's own echo: the executor's result never has it.
  const echoed = outputOf(run).filter((o) => o.stream === 'stdin');
  const streamed = outputOf(run).reduce((n, o) => n + (o.stream === 'stdin' ? 0 : o.data.length), 0);
  const cutByRoom = run.state === 'running' && run.truncated; // the room's own cap: lengths differ by design
  const complete = cutByRoom || streamed === whole.reduce((n, o) => n + o.data.length, 0);
  // Cut here already, so the broadcast event is no bigger than the stored run.
  const replacement = complete ? null : capOutput([...echoed, ...whole]);
  return {
    type: 'finished',
    at: now,
    verdict: result.verdict ?? 'internal_error',
    exitCode: result.exitCode,
    signal: result.signal,
    timeMs: result.timeMs,
    memoryKb: result.memoryKb,
    compileTimeMs: result.compileTimeMs ?? null,
    compileMemoryKb: result.compileMemoryKb ?? null,
    truncated: result.truncated || (replacement?.truncated ?? false),
    diagnostics: result.analysis ?? null,
    output: replacement?.output ?? null,
    ...lostOutcomes(run, result),
  };
}

/** The result's outcomes, when it judged cases whose `test` events never came. */
function lostOutcomes(run: Run, result: JobResult): { tests?: CaseOutcome[] } {
  if (!run.tests || !result.tests) return {};
  const streamed = new Set(run.tests.outcomes.map((o) => o.id));
  if (result.tests.every((t) => streamed.has(t.id))) return {};
  return { tests: result.tests.flatMap((t) => outcomeOf(run, t) ?? []) };
}
