/**
 * Restore points' wire contract (issue 17 item 2, SPEC "Restore points"): the body of
 * `POST /api/rooms/:roomId/restore`, its answer, and `GET /api/rooms/:roomId/restore-points`.
 * The worker validates with these and the web app parses with them
 * (`@codesync/worker/restore`).
 *
 * @example
 * const body = restoreBody.parse({ at: 1_767_000_000_000 });
 * const { restoredFrom } = restoreAnswer.parse(await res.json()); // restore to it to undo
 */
import { z } from 'zod';
import { playbackPerson } from '../playback/schema';

/** A moment in unix milliseconds; the room checks it falls within its life. */
export const restoreBody = z
  .object({
    at: z
      .number({ error: 'must be a time in unix milliseconds, e.g. a restore point’s `at`' })
      .int('must be a whole number of milliseconds')
      .nonnegative('must not be negative')
      .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`),
  })
  .strict();
export type RestoreBody = z.infer<typeof restoreBody>;

export const restoreAnswer = z.object({
  /** The moment restored to. */
  at: z.number(),
  /** The moment just before the restore: restoring to it undoes this restore. */
  restoredFrom: z.number(),
  /** Whether anything changed (restoring to a moment the files already match changes nothing). */
  changed: z.boolean(),
  /** Who restored, as the timeline names them. */
  by: playbackPerson,
  /** The files now, as they were at `at`. */
  files: z.array(z.object({ path: z.string(), content: z.string() })),
});
export type RestoreAnswer = z.infer<typeof restoreAnswer>;

export const RESTORE_POINT_KINDS = ['run', 'activity', 'restore'] as const;

/** A moment worth going back to: before a run, after five minutes of activity, before a restore. */
export const restorePoint = z.object({
  at: z.number(),
  kind: z.enum(RESTORE_POINT_KINDS),
  /** In words: "Before a run by Ada", "5 minutes of editing", "Before a restore by Grace". */
  label: z.string(),
  /** Who made the point: the person who ran or restored, or those who typed in the stretch. */
  who: z.array(playbackPerson),
});
export type RestorePoint = z.infer<typeof restorePoint>;

/** Newest first, at most RESTORE_POINTS_MAX. */
export const restorePoints = z.object({ points: z.array(restorePoint) });
export type RestorePoints = z.infer<typeof restorePoints>;
