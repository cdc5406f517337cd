/**
 * A run's time and memory limits, set by the room (its defaults for every plain run) and
 * by a run (for itself), always within the executor's bounds (limits.ts RUN_LIMIT_*).
 * A value past a bound is refused in words that name the field and the bound, never
 * capped: a run that silently got less time than asked would read as the code's fault.
 *
 * Any editor (interviewer or candidate) may change the room's limits, observers never:
 * they bound only the plain Run of the code everyone sees (a test run keeps its
 * question's limits), everyone is told of a change at once, and the executor's maxima
 * hold whoever sets them.
 *
 * The web app imports this module (through messages.ts); the room's store of its own
 * limits is roomRunLimits.ts.
 *
 * @example
 * const limits = { ...(await roomLimits.current()), ...request.limits }; // {timeMs, memoryMb}
 */
import { z } from 'zod';
import { RUN_LIMIT_FLOORS, RUN_LIMIT_MAXIMA } from '../limits';

const bound = (key: keyof typeof RUN_LIMIT_MAXIMA, unit: string) =>
  z
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(RUN_LIMIT_FLOORS[key], `must be at least ${RUN_LIMIT_FLOORS[key]} ${unit}`)
    .max(
      RUN_LIMIT_MAXIMA[key],
      `must be at most ${RUN_LIMIT_MAXIMA[key]} ${unit}, the code runner's maximum; ask for that or less`,
    );

/** Limits asked for, either or both: a run's own (`{type:'run', limits}`) or a change to the room's. */
export const runLimitsChange = z
  .object({ timeMs: bound('timeMs', 'ms').optional(), memoryMb: bound('memoryMb', 'MB').optional() })
  .strict();
export type RunLimitsChange = z.infer<typeof runLimitsChange>;

/** Limits in force: both set. */
export const runLimits = z.object({ timeMs: z.number().int(), memoryMb: z.number().int() });
export type RunLimits = z.infer<typeof runLimits>;

/** The room's limits and their bounds: sent on connect and to everyone on each change. */
export const limitsMessage = z.object({
  type: z.literal('limits'),
  limits: runLimits,
  maxima: runLimits,
  floors: runLimits,
});
export type LimitsMessage = z.infer<typeof limitsMessage>;

/** The message that tells the room's `limits` and the bounds they keep. */
export const limitsMessageOf = (limits: RunLimits): LimitsMessage => ({
  type: 'limits',
  limits,
  maxima: { ...RUN_LIMIT_MAXIMA },
  floors: { ...RUN_LIMIT_FLOORS },
});
