/**
 * The interview clock (SPEC § 25, CLK): when a room ends by itself, what the interviewer
 * may do to it, and what is due when. Pure: the Durable Object keeps the state in its
 * SQLite (roomMeta.ts), asks `clockDue` each time its one alarm fires and carries out
 * the answer (roomClock.ts); the web app shows the same phases with `clockPhase`.
 *
 * Ending is never a surprise: CLOCK_NOTICE_MS before `endsAt` everyone is told and sees
 * a countdown; an extension in that window moves `endsAt`, which cancels the notice
 * (it was given for the old end); a notice that goes out late (an alarm delayed past its
 * time) moves the end to a full notice after it.
 *
 * @example
 * const next = changeClock(state, { action: 'extend', minutes: 5 }, Date.now());
 * if (next.ok) store(next.state);
 * clockDue(state, Date.now()); // {kind: 'wait', until: endsAt - CLOCK_NOTICE_MS}
 */
import { z } from 'zod';
import {
  CLOCK_EXTEND_MINUTES,
  CLOCK_MAX_MINUTES,
  CLOCK_MIN_SET_SECONDS,
  CLOCK_NOTICE_MS,
  CLOCK_WARNING_MS,
} from '../limits';

/** The extensions the interviewer is offered (the web app's buttons). */
export { CLOCK_EXTEND_MINUTES };

export interface ClockState {
  /** When the room ends by itself (unix ms, the server's clock), or null: no clock. */
  endsAt: number | null;
  /** The `endsAt` the notice was given for; once `endsAt` moves, the notice no longer holds. */
  noticeFor: number | null;
}

export const NO_CLOCK: ClockState = { endsAt: null, noticeFor: null };

const MINUTE_MS = 60_000;

/** What the interviewer may do to the clock: the HTTP body and, with `type: 'clock'`, the socket message. */
export const clockChange = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('extend'),
      minutes: z.union(
        CLOCK_EXTEND_MINUTES.map((m) => z.literal(m)),
        { error: `must be one of ${CLOCK_EXTEND_MINUTES.join(', ')}` },
      ),
    }),
    z.object({
      action: z.literal('set'),
      /** Time left from now. */
      seconds: z
        .number({ error: 'must be a number of seconds' })
        .int('must be a whole number of seconds')
        .min(CLOCK_MIN_SET_SECONDS, `must be at least ${CLOCK_MIN_SET_SECONDS} (the notice is 10 s)`)
        .max(CLOCK_MAX_MINUTES * 60, `must be at most ${CLOCK_MAX_MINUTES * 60} (${CLOCK_MAX_MINUTES} minutes)`),
    }),
    z.object({ action: z.literal('clear') }),
  ],
  { error: 'must be extend (with minutes), set (with seconds) or clear' },
);
export type ClockChange = z.infer<typeof clockChange>;

/** The clock as the room tells it: on connect, on every change, and with the notice (`ending`). */
export const clockMessage = z.object({
  type: z.literal('clock'),
  endsAt: z.number().nullable(),
  /** The server's time when sent: browsers count down against it, not their own clock. */
  now: z.number(),
  /** The notice is on: the room ends at `endsAt`, CLOCK_NOTICE_MS or less from now. */
  ending: z.boolean(),
});
export type ClockMessage = z.infer<typeof clockMessage>;

export function clockMessageOf(state: ClockState, now: number): ClockMessage {
  return { type: 'clock', endsAt: state.endsAt, now, ending: isEnding(state) };
}

/** Whether the notice has been given for the current end. */
export function isEnding(state: ClockState): boolean {
  return state.endsAt !== null && state.noticeFor === state.endsAt;
}

export type ClockChangeResult = { ok: true; state: ClockState } | { ok: false; problem: string };

/** The clock after the interviewer's change, or why it cannot be made (in words). */
export function changeClock(state: ClockState, change: ClockChange, now: number): ClockChangeResult {
  switch (change.action) {
    case 'set':
      return { ok: true, state: { endsAt: now + change.seconds * 1000, noticeFor: null } };
    case 'clear':
      return { ok: true, state: NO_CLOCK };
    case 'extend': {
      if (state.endsAt === null) return { ok: false, problem: 'This room has no clock to extend; set one first.' };
      // Extending moves the end, so a notice given for the old end no longer holds.
      const endsAt = state.endsAt + change.minutes * MINUTE_MS;
      if (endsAt - now > CLOCK_MAX_MINUTES * MINUTE_MS) {
        return { ok: false, problem: `The clock can run at most ${CLOCK_MAX_MINUTES} minutes from now.` };
      }
      return { ok: true, state: { endsAt, noticeFor: state.noticeFor } };
    }
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

/** What the clock needs from the room at `now`. */
export type ClockDue =
  /** No clock. */
  | { kind: 'idle' }
  /** Nothing yet: wake the room at `until`. */
  | { kind: 'wait'; until: number }
  /** Tell everyone the room is ending; store `state` (its end is at least a full notice away). */
  | { kind: 'notice'; state: ClockState }
  /** End the room: time is up. */
  | { kind: 'end' };

export function clockDue(state: ClockState, now: number): ClockDue {
  const { endsAt } = state;
  if (endsAt === null) return { kind: 'idle' };
  if (isEnding(state)) return now >= endsAt ? { kind: 'end' } : { kind: 'wait', until: endsAt };
  const noticeAt = endsAt - CLOCK_NOTICE_MS;
  if (now < noticeAt) return { kind: 'wait', until: noticeAt };
  // Due, or late: either way everyone gets the whole countdown before the end.
  const end = Math.max(endsAt, now + CLOCK_NOTICE_MS);
  return { kind: 'notice', state: { endsAt: end, noticeFor: end } };
}

/** What people see: no clock, time left, the 5-minute warning, the notice, time up. */
export type ClockPhase = 'off' | 'running' | 'warning' | 'ending' | 'over';

/** The phase at the server's `now` (a browser adds its measured offset to its own clock). */
export function clockPhase(endsAt: number | null, ending: boolean, now: number): ClockPhase {
  if (endsAt === null) return 'off';
  const left = endsAt - now;
  if (left <= 0) return 'over';
  if (ending) return 'ending';
  return left <= CLOCK_WARNING_MS ? 'warning' : 'running';
}
