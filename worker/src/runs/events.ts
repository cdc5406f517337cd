/**
 * What happens to a run, as the room tells it: the executor's events once the room
 * has put them in order and stamped them with the time it took them, and the room's
 * own verdict when the executor cannot give one (`failed`). Both the room and every
 * browser fold exactly these events with `applyRunEvent`, so they agree on the run.
 */
import { diagnostic, VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { outcomeView } from '../tests/schema';
import { queuedRun, RUN_ERRORS, run, runOutput } from './run';

/** When the room took the event (unix ms): the fold stays pure, times come in. */
const at = z.number();

export const runEvent = z.discriminatedUnion('type', [
  /** Waiting for a sandbox, `position` 1 next (only the in-process executor knows the line). */
  z.object({ type: z.literal('queued'), at, position: z.number().int().min(1) }),
  z.object({ type: z.literal('started'), at }),
  z.object({ type: z.literal('output'), at, ...runOutput.shape }),
  /** A test run's case, judged (a candidate is sent a hidden case's outcome redacted). */
  z.object({ type: z.literal('test'), at, outcome: outcomeView }),
  z.object({
    type: z.literal('finished'),
    at,
    verdict: z.enum(VERDICTS),
    exitCode: z.number().nullable(),
    signal: z.string().nullable(),
    /** The program's run alone; the compile step has its own figures. */
    timeMs: z.number().nullable(),
    memoryKb: z.number().nullable(),
    compileTimeMs: z.number().nullable(),
    compileMemoryKb: z.number().nullable(),
    /** The executor cut the output at its cap. */
    truncated: z.boolean(),
    /** Null: no analysis with the result (one may still follow). */
    diagnostics: z.array(diagnostic).nullable(),
    /**
     * Null: the output streamed so far is the whole output. Otherwise chunks were lost
     * on the way and this, from the executor's result, replaces them.
     */
    output: z.array(runOutput).nullable(),
    /**
     * A test run's outcomes from the executor's result, when some `test` events were
     * lost on the way; they replace the streamed ones. Absent: nothing to replace.
     */
    tests: z.array(outcomeView).optional(),
  }),
  z.object({ type: z.literal('analysis'), at, diagnostics: z.array(diagnostic) }),
  z.object({
    type: z.literal('failed'),
    at,
    error: z.enum(RUN_ERRORS),
    message: z.string(),
    retryAfterS: z.number().nullable(),
  }),
]);
export type RunEvent = z.infer<typeof runEvent>;

/** The room's run messages (JSON text frames); the room's `serverMessage` includes them. */
export const runMessages = [
  /** The room's last RUN_HISTORY runs, oldest first, sent on connect. */
  z.object({ type: z.literal('runs'), runs: z.array(run) }),
  /** A new run: the first state of every run. */
  z.object({ type: z.literal('run.queued'), run: queuedRun }),
  /** One event of a run, in order; fold it with `applyRunEvent`. */
  z.object({ type: z.literal('run.event'), runId: z.string(), event: runEvent }),
] as const;
export type RunMessage = z.infer<(typeof runMessages)[number]>;
