/**
 * A run's life as a pure machine: `step(record, input) → {record, effects}`. It never
 * touches storage, a socket or the executor; the room's DO carries out the effects
 * (coordinator.ts) and feeds the answers back in as inputs, so unit tests drive every
 * path (out-of-order events, lost callbacks, a dead executor) without any of them.
 *
 * @example
 * let { record, effects } = step(null, { kind: 'start', now, request, context });
 * ({ record, effects } = step(record, { kind: 'posted', now, outcome: { kind: 'accepted', jobId } }));
 */
import type { JobEvent, JobRequest } from '@codesync/executor/api';
import { DEFAULT_LIMITS, INTERACTIVE_TIME_MS } from '@codesync/executor/limits';
import { RUN_CHECK_INTERVAL_MS, RUN_DEADLINE_MS, RUN_HELD_EVENT_BYTES } from '../limits';
import type { LookupOutcome, PostOutcome } from '../room/executorClient';
import { applyRunEvent } from './applyRunEvent';
import type { RunEvent, RunMessage } from './events';
import { fromExecutor, fromResult } from './fromExecutor';
import type { RunRecord } from './record';
import { isClosed, type Run, type RunError } from './run';
import { admit, type StartContext, type StartRefusal, type StartRequest } from './start';
import { typed } from './typed';

export type RunInput =
  | { kind: 'start'; now: number; request: StartRequest; context: StartContext }
  /** What the executor answered to the job's POST. */
  | { kind: 'posted'; now: number; outcome: PostOutcome }
  /** A signed executor event for this run. */
  | { kind: 'event'; now: number; event: JobEvent }
  /** The room's alarm: time to check on an open run. */
  | { kind: 'tick'; now: number }
  /** What the executor said when the check asked about the job. */
  | { kind: 'looked-up'; now: number; outcome: LookupOutcome }
  /** Someone typed into an interactive run (interactive/typed.ts): echoed as the run's output. */
  | { kind: 'typed'; now: number; by: string; data: string };

/** What the machine broadcasts: a new run, or one event of a run. */
export type RunUpdate = Exclude<RunMessage, { type: 'runs' }>;

export type RunEffect =
  /** The start was refused; nothing was stored. */
  | { kind: 'refuse'; refusal: StartRefusal }
  /** Store the record (before any broadcast that follows it). */
  | { kind: 'persist'; record: RunRecord }
  | { kind: 'broadcast'; message: RunUpdate }
  /** Post the job; answer with a `posted` input. */
  | { kind: 'post'; runId: string; job: JobRequest }
  /** Ask the executor about the job; answer with a `looked-up` input. */
  | { kind: 'lookup'; runId: string; jobId: string }
  /** Wake the room (alarm) at `at` to `tick` its open runs. */
  | { kind: 'schedule-check'; at: number };

export interface Step {
  record: RunRecord | null;
  effects: RunEffect[];
}

const unchanged = (record: RunRecord | null): Step => ({ record, effects: [] });

export function step(record: RunRecord | null, input: RunInput): Step {
  if (input.kind === 'start') return start(input);
  if (!record) return unchanged(record); // not a run of this room (or a start that was refused)
  switch (input.kind) {
    case 'posted':
      return posted(record, input.outcome, input.now);
    case 'event':
      return received(record, input.event, input.now);
    case 'tick':
      return tick(record, input.now);
    case 'looked-up':
      return lookedUp(record, input.outcome, input.now);
    case 'typed':
      return typed(record, input);
    default: {
      const unreachable: never = input;
      return unreachable;
    }
  }
}

function start({ request, context, now }: Extract<RunInput, { kind: 'start' }>): Step {
  const admitted = admit(context, request, now);
  if (!admitted.ok) return { record: null, effects: [{ kind: 'refuse', refusal: admitted.refusal }] };
  const record: RunRecord = { run: admitted.run, nextSeq: 0, jobId: null, held: [] };
  return {
    record,
    effects: [
      { kind: 'persist', record },
      { kind: 'broadcast', message: { type: 'run.queued', run: admitted.run } },
      { kind: 'post', runId: admitted.run.runId, job: admitted.job },
    ],
  };
}

function posted(record: RunRecord, outcome: PostOutcome, now: number): Step {
  switch (outcome.kind) {
    case 'accepted': {
      const next = { ...record, jobId: outcome.jobId };
      const effects: RunEffect[] = [{ kind: 'persist', record: next }];
      // Its events may already have finished it: only an open run needs checking on.
      if (!isClosed(next.run)) effects.push({ kind: 'schedule-check', at: now + RUN_CHECK_INTERVAL_MS });
      return { record: next, effects };
    }
    case 'busy':
      return fail(record, now, 'executor_busy', outcome.message, outcome.retryAfterS);
    case 'refused':
      return fail(record, now, 'executor_refused', `The code runner refused this run: ${outcome.message}`);
    case 'unreachable':
      return fail(record, now, 'executor_unreachable', outcome.message);
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/**
 * An executor event: applied in `seq` order. A duplicate (a retried delivery) is
 * dropped, an early one is held until its turn, a closed run takes only analysis.
 */
function received(record: RunRecord, event: JobEvent, now: number): Step {
  // Only the job this run posted speaks for it (issue #10 hole 10). Until the executor's
  // 202 is recorded the id is unknown; the signature and requestId still bind the event.
  if (record.jobId !== null && event.jobId !== record.jobId) return unchanged(record);
  if (event.seq < record.nextSeq || record.held.some((h) => h.seq === event.seq)) return unchanged(record);
  if (isClosed(record.run)) {
    // Analysis follows `finished`, possibly after a check already closed the run from the result.
    if (event.type !== 'analysis' || record.run.state !== 'finished') return unchanged(record);
    return advance(record, event, now);
  }
  if (event.seq > record.nextSeq) {
    const held = [...record.held, event].sort((a, b) => a.seq - b.seq);
    // Past the bound the event is dropped: the run stalls at the gap and its check
    // finishes it from the executor's result.
    if (new TextEncoder().encode(JSON.stringify(held)).byteLength > RUN_HELD_EVENT_BYTES) return unchanged(record);
    const next = { ...record, held };
    return { record: next, effects: [{ kind: 'persist', record: next }] };
  }
  return advance(record, event, now);
}

/** Applies `event` and then every held event whose turn has come. */
function advance(record: RunRecord, event: JobEvent, now: number): Step {
  let run = record.run;
  let nextSeq = record.nextSeq;
  let { held } = record;
  const broadcasts: RunEffect[] = [];
  for (let current: JobEvent | undefined = event; current; current = held.find((h) => h.seq === nextSeq)) {
    const before = run;
    const runEvent = fromExecutor(run, current, now);
    if (runEvent) run = applyRunEvent(run, runEvent);
    if (runEvent && run !== before) {
      broadcasts.push({ kind: 'broadcast', message: { type: 'run.event', runId: run.runId, event: runEvent } });
    }
    nextSeq = Math.max(nextSeq, current.seq + 1);
  }
  held = held.filter((h) => h.seq >= nextSeq);
  const next: RunRecord = { ...record, run, nextSeq, held };
  return { record: next, effects: [{ kind: 'persist', record: next }, ...broadcasts] };
}

/** The alarm, for one run: past the deadline it fails; otherwise ask the executor. */
function tick(record: RunRecord, now: number): Step {
  if (isClosed(record.run)) return unchanged(record);
  if (now - record.run.createdAt > runDeadlineMs(record.run)) {
    return fail(record, now, 'timed_out', 'The run did not finish in time and was stopped.');
  }
  // No job id yet: the POST is still in flight; its answer decides.
  if (!record.jobId) return { record, effects: [{ kind: 'schedule-check', at: now + RUN_CHECK_INTERVAL_MS }] };
  return { record, effects: [{ kind: 'lookup', runId: record.run.runId, jobId: record.jobId }] };
}

/**
 * How long the room waits for a run's `finished`: RUN_DEADLINE_MS, and for a test run
 * each case's own time limit on top (the executor's default for a case without one),
 * since the executor may spend all of them: a solution that loops forever is judged
 * `time_limit` case by case, not cut off as a whole.
 */
export function runDeadlineMs(run: Run): number {
  // An interactive run waits on people typing: the executor's longer wall clock (INT1).
  if (run.interactive) return RUN_DEADLINE_MS + INTERACTIVE_TIME_MS;
  const cases = run.tests?.cases ?? [];
  return cases.reduce(
    (ms, c) => ms + (('timeLimitMs' in c ? c.timeLimitMs : null) ?? DEFAULT_LIMITS.timeMs),
    RUN_DEADLINE_MS,
  );
}

function lookedUp(record: RunRecord, outcome: LookupOutcome, now: number): Step {
  if (isClosed(record.run)) return unchanged(record);
  switch (outcome.kind) {
    case 'unreachable':
      return fail(
        record,
        now,
        'executor_unreachable',
        'The code runner stopped answering during this run. Run it again.',
      );
    case 'missing':
      return fail(record, now, 'executor_unreachable', 'The code runner lost this run (it restarted). Run it again.');
    case 'elsewhere':
      // Behind several API nodes this one never saw the job: its events come as usual;
      // check again, and the deadline (onAlarm above) ends a run that never finishes.
      return { record, effects: [{ kind: 'schedule-check', at: now + RUN_CHECK_INTERVAL_MS }] };
    case 'found': {
      if (outcome.result.status !== 'finished') {
        return { record, effects: [{ kind: 'schedule-check', at: now + RUN_CHECK_INTERVAL_MS }] };
      }
      // Finished, but its events were lost on the way: the result itself is enough.
      return close(record, fromResult(record.run, outcome.result, now));
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function fail(
  record: RunRecord,
  now: number,
  error: RunError,
  message: string,
  retryAfterS: number | null = null,
): Step {
  if (isClosed(record.run)) return unchanged(record);
  return close(record, { type: 'failed', at: now, error, message, retryAfterS });
}

/** Ends a run with its closing event: stored first, then told to the room. */
function close(record: RunRecord, event: RunEvent): Step {
  const next: RunRecord = { ...record, run: applyRunEvent(record.run, event), held: [] };
  return {
    record: next,
    effects: [
      { kind: 'persist', record: next },
      { kind: 'broadcast', message: { type: 'run.event', runId: next.run.runId, event } },
    ],
  };
}
