/**
 * A run as the room keeps it, replays it and sends it: one of four states, each with
 * only the fields that exist in it (a verdict only once finished, an error only once
 * failed). The room's DO SQLite is its place of record; the web app imports these
 * schemas through `@codesync/worker/runs`.
 *
 * @example
 * switch (run.state) {
 *   case 'finished': return run.verdict;
 *   case 'failed': return run.message;
 *   …
 * }
 */
import { diagnostic, VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { runTests } from '../tests/schema';
import { runLimits } from './runLimits';

export const RUN_STATES = ['queued', 'running', 'finished', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** Why a run ended without a verdict: nothing ran, or the runner went away. */
export const RUN_ERRORS = ['executor_unreachable', 'executor_busy', 'executor_refused', 'timed_out'] as const;
export type RunError = (typeof RUN_ERRORS)[number];

/** `run`: the program on the room's stdin; `tests`: the program on each test case (one job). */
export const RUN_KINDS = ['run', 'tests'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** `stdin`: what someone typed into an interactive run, echoed; `by` names who. */
export const runOutput = z.object({
  stream: z.enum(['stdout', 'stderr', 'compile', 'stdin']),
  data: z.string(),
  by: z.string().optional(),
});
export type RunOutput = z.infer<typeof runOutput>;

/** Who asked and what to run: fixed from the moment the run is queued. */
const asked = {
  runId: z.string(),
  /** Runs stored before test runs have no kind: they are plain runs. */
  kind: z.enum(RUN_KINDS).default('run'),
  /** A test run's cases and outcomes so far (tests/schema.ts); absent for a plain run. */
  tests: runTests.optional(),
  startedBy: z.object({ name: z.string(), role: z.enum(ROLES) }),
  language: z.string(),
  path: z.string(),
  stdin: z.string(),
  createdAt: z.number(),
  /** A plain run's time and memory limits (runLimits.ts); absent on test runs and older runs. */
  limits: runLimits.optional(),
  /** Its stdin is typed by the room while it runs (SPEC INT1); absent: given up front. */
  interactive: z.boolean().optional(),
};

/** Output so far, chunks of one stream joined; `truncated` once a cap cut it. */
const produced = { output: z.array(runOutput), truncated: z.boolean() };

export const queuedRun = z.object({
  ...asked,
  state: z.literal('queued'),
  /** Place in line for a sandbox (1 is next), once the executor said; absent when it cannot know. */
  position: z.number().int().min(1).optional(),
});
export const runningRun = z.object({ ...asked, ...produced, state: z.literal('running'), startedAt: z.number() });
export const finishedRun = z.object({
  ...asked,
  ...produced,
  state: z.literal('finished'),
  startedAt: z.number(),
  finishedAt: z.number(),
  verdict: z.enum(VERDICTS),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  /** The program's run alone: wall time and peak memory, never the compiler's. */
  timeMs: z.number().nullable(),
  memoryKb: z.number().nullable(),
  /** The compile step alone, with its own time and memory (null: none, or from before they were kept). */
  compileTimeMs: z.number().nullable(),
  compileMemoryKb: z.number().nullable(),
  diagnostics: z.array(diagnostic),
});
export const failedRun = z.object({
  ...asked,
  ...produced,
  state: z.literal('failed'),
  /** Null when it failed before the executor started it. */
  startedAt: z.number().nullable(),
  finishedAt: z.number(),
  error: z.enum(RUN_ERRORS),
  message: z.string(),
  /** Only for `executor_busy`: when trying again may work. */
  retryAfterS: z.number().nullable(),
});

export const run = z.discriminatedUnion('state', [queuedRun, runningRun, finishedRun, failedRun]);
export type Run = z.infer<typeof run>;
export type QueuedRun = z.infer<typeof queuedRun>;
export type RunningRun = z.infer<typeof runningRun>;
export type FinishedRun = z.infer<typeof finishedRun>;
export type FailedRun = z.infer<typeof failedRun>;

/** A run that has ended one way or the other: only a late analysis still changes it. */
export type ClosedRun = FinishedRun | FailedRun;

export function isClosed(run: Run): run is ClosedRun {
  switch (run.state) {
    case 'queued':
    case 'running':
      return false;
    case 'finished':
    case 'failed':
      return true;
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

/** Output in any state (a queued run has none yet). */
export function outputOf(run: Run): readonly RunOutput[] {
  return run.state === 'queued' ? [] : run.output;
}
