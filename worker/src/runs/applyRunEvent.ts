/**
 * The one fold of a run: the room applies each event before it stores and broadcasts
 * it, and every browser applies the same broadcast events, so both hold the same run.
 * Pure: times come in the events; an event that does not apply to the run's state
 * (output after the run closed, a second `finished`) leaves the run as it is.
 *
 * @example
 * let run: Run = queued;
 * for (const event of events) run = applyRunEvent(run, event);
 */
import type { OutcomeView } from '../tests/schema';
import type { RunEvent } from './events';
import { appendOutput, capDiagnostics, capOutput } from './output';
import type { QueuedRun, Run, RunningRun } from './run';

export function applyRunEvent(run: Run, event: RunEvent): Run {
  switch (run.state) {
    case 'queued':
    case 'running':
      return applyToOpen(run, event);
    case 'finished':
      // Analysis follows `finished`; nothing else changes a finished run.
      return event.type === 'analysis' ? { ...run, diagnostics: capDiagnostics(event.diagnostics) } : run;
    case 'failed':
      return run;
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

/**
 * A test run's outcomes with `outcomes` applied: each replaces the one with its id or is
 * added, kept in case order; `replace` starts from none (the result's whole list). A
 * case the run does not have is ignored, and a plain run stays as it is.
 */
function withOutcomes(run: Run, outcomes: readonly OutcomeView[], replace = false): Pick<Run, 'tests'> {
  if (!run.tests) return {};
  const { cases } = run.tests;
  const byId = new Map((replace ? [] : run.tests.outcomes).map((o) => [o.id, o]));
  for (const o of outcomes) if (cases.some((c) => c.id === o.id)) byId.set(o.id, o);
  return { tests: { cases, outcomes: cases.flatMap((c) => byId.get(c.id) ?? []) } };
}

/** The fields a run keeps from the moment it is asked for, whatever its state. */
function asked(run: Run) {
  const { runId, kind, tests, startedBy, language, path, stdin, createdAt, limits, interactive } = run;
  return {
    runId,
    kind,
    ...(tests ? { tests } : {}),
    startedBy,
    language,
    path,
    stdin,
    createdAt,
    ...(limits ? { limits } : {}),
    ...(interactive ? { interactive } : {}),
  };
}

function applyToOpen(run: QueuedRun | RunningRun, event: RunEvent): Run {
  const startedAt = run.state === 'running' ? run.startedAt : null;
  const output = run.state === 'running' ? run.output : [];
  const truncated = run.state === 'running' ? run.truncated : false;
  switch (event.type) {
    case 'queued':
      // A place in line means something only while the run waits.
      return run.state === 'queued' ? { ...run, position: event.position } : run;
    case 'started':
      return { ...asked(run), state: 'running', startedAt: startedAt ?? event.at, output, truncated };
    case 'output':
      // Output implies the run started, even if `started` itself never came.
      return {
        ...asked(run),
        state: 'running',
        startedAt: startedAt ?? event.at,
        ...appendOutput(output, truncated, event),
      };
    case 'test':
      // A judged case implies the run started, like output.
      return {
        ...asked(run),
        ...withOutcomes(run, [event.outcome]),
        state: 'running',
        startedAt: startedAt ?? event.at,
        output,
        truncated,
      };
    case 'finished': {
      const whole = event.output ? capOutput(event.output) : { output, truncated };
      return {
        ...asked(run),
        ...(event.tests ? withOutcomes(run, event.tests, true) : {}),
        state: 'finished',
        startedAt: startedAt ?? event.at,
        finishedAt: event.at,
        verdict: event.verdict,
        exitCode: event.exitCode,
        signal: event.signal,
        timeMs: event.timeMs,
        memoryKb: event.memoryKb,
        compileTimeMs: event.compileTimeMs,
        compileMemoryKb: event.compileMemoryKb,
        output: whole.output,
        truncated: whole.truncated || event.truncated,
        diagnostics: capDiagnostics(event.diagnostics ?? []),
      };
    }
    case 'analysis':
      // The executor sends analysis only after `finished`; an open run has nowhere to keep it.
      return run;
    case 'failed':
      return {
        ...asked(run),
        state: 'failed',
        startedAt,
        finishedAt: event.at,
        output,
        truncated,
        error: event.error,
        message: event.message,
        retryAfterS: event.retryAfterS,
      };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
