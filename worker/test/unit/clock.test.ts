/**
 * The clock's state function (room/clock.ts): what is due when, what the interviewer's
 * changes do, and the phases people see. Times are plain numbers: no timer runs here.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_MAX_MINUTES, CLOCK_MIN_SET_SECONDS, CLOCK_NOTICE_MS, CLOCK_WARNING_MS } from '../../src/limits';
import {
  type ClockState,
  changeClock,
  clockChange,
  clockDue,
  clockMessageOf,
  clockPhase,
  NO_CLOCK,
} from '../../src/room/clock';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

/** Walks the clock as the room's alarm does: each answer's wake-up time is the next `now`. */
function walk(start: ClockState, from: number): { kind: string; at: number }[] {
  const seen: { kind: string; at: number }[] = [];
  let state = start;
  let now = from;
  for (let i = 0; i < 10; i++) {
    const due = clockDue(state, now);
    seen.push({ kind: due.kind, at: now });
    if (due.kind === 'end' || due.kind === 'idle') break;
    if (due.kind === 'notice') state = due.state;
    else now = due.until;
  }
  return seen;
}

describe('the clock', () => {
  it('[CLK4] wakes for the notice CLOCK_NOTICE_MS before the end, gives it once, then ends at endsAt', () => {
    const endsAt = NOW + 30 * MIN;
    expect(walk({ endsAt, noticeFor: null }, NOW)).toEqual([
      { kind: 'wait', at: NOW },
      { kind: 'notice', at: endsAt - CLOCK_NOTICE_MS },
      { kind: 'wait', at: endsAt - CLOCK_NOTICE_MS },
      { kind: 'end', at: endsAt },
    ]);
    // An alarm that fires early for something else (a run check) finds nothing due.
    expect(clockDue({ endsAt, noticeFor: null }, NOW + MIN)).toEqual({
      kind: 'wait',
      until: endsAt - CLOCK_NOTICE_MS,
    });
    expect(clockDue({ endsAt, noticeFor: endsAt }, endsAt - 1)).toEqual({ kind: 'wait', until: endsAt });
  });

  it('[CLK4] a room without a clock never ends by itself', () => {
    expect(clockDue(NO_CLOCK, NOW)).toEqual({ kind: 'idle' });
    expect(clockPhase(null, false, NOW)).toBe('off');
  });

  it('[CLK4] never ends without a full notice: a notice given late moves the end to a full notice after it', () => {
    const endsAt = NOW;
    // The alarm fired 3 s after the end was due (the object was busy or restarting).
    const late = clockDue({ endsAt, noticeFor: null }, endsAt + 3_000);
    expect(late).toEqual({
      kind: 'notice',
      state: { endsAt: endsAt + 3_000 + CLOCK_NOTICE_MS, noticeFor: endsAt + 3_000 + CLOCK_NOTICE_MS },
    });
    // On time, the end stays where it was.
    const onTime = clockDue({ endsAt, noticeFor: null }, endsAt - CLOCK_NOTICE_MS);
    expect(onTime).toEqual({ kind: 'notice', state: { endsAt, noticeFor: endsAt } });
  });

  it('[CLK4] extending during the notice cancels it; the new end gets its own notice', () => {
    const endsAt = NOW + 5_000;
    const noticed: ClockState = { endsAt, noticeFor: endsAt };
    expect(clockMessageOf(noticed, NOW).ending).toBe(true);
    const extended = changeClock(noticed, { action: 'extend', minutes: 5 }, NOW);
    if (!extended.ok) throw new Error(extended.problem);
    expect(extended.state.endsAt).toBe(endsAt + 5 * MIN);
    expect(clockMessageOf(extended.state, NOW)).toEqual({
      type: 'clock',
      endsAt: endsAt + 5 * MIN,
      now: NOW,
      ending: false,
    });
    // Not ended at the old end; noticed again before the new one.
    expect(clockDue(extended.state, endsAt)).toEqual({ kind: 'wait', until: endsAt + 5 * MIN - CLOCK_NOTICE_MS });
    expect(clockDue(extended.state, endsAt + 5 * MIN - CLOCK_NOTICE_MS).kind).toBe('notice');
  });

  it('[CLK4] set counts from now and drops a notice; clear removes the clock; extend needs a clock and a ceiling', () => {
    const noticed: ClockState = { endsAt: NOW + 1_000, noticeFor: NOW + 1_000 };
    expect(changeClock(noticed, { action: 'set', seconds: 90 }, NOW)).toEqual({
      ok: true,
      state: { endsAt: NOW + 90_000, noticeFor: null },
    });
    expect(changeClock(noticed, { action: 'clear' }, NOW)).toEqual({ ok: true, state: NO_CLOCK });
    expect(changeClock(NO_CLOCK, { action: 'extend', minutes: 10 }, NOW)).toEqual({
      ok: false,
      problem: 'This room has no clock to extend; set one first.',
    });
    const nearCeiling: ClockState = { endsAt: NOW + CLOCK_MAX_MINUTES * MIN - MIN, noticeFor: null };
    const past = changeClock(nearCeiling, { action: 'extend', minutes: 5 }, NOW);
    expect(past).toEqual({ ok: false, problem: `The clock can run at most ${CLOCK_MAX_MINUTES} minutes from now.` });
  });

  it('[CLK4] the change schema takes +5/+10/+15 and a set no shorter than the notice, naming the field otherwise', () => {
    expect(clockChange.safeParse({ action: 'extend', minutes: 10 }).success).toBe(true);
    const odd = clockChange.safeParse({ action: 'extend', minutes: 7 });
    expect(odd.success).toBe(false);
    expect(odd.error?.issues[0]?.path).toEqual(['minutes']);
    expect(odd.error?.issues[0]?.message).toBe('must be one of 5, 10, 15');
    const short = clockChange.safeParse({ action: 'set', seconds: CLOCK_MIN_SET_SECONDS - 1 });
    expect(short.error?.issues[0]?.path).toEqual(['seconds']);
    expect(CLOCK_MIN_SET_SECONDS * 1000).toBeGreaterThan(CLOCK_NOTICE_MS);
    expect(clockChange.safeParse({ action: 'set', seconds: CLOCK_MAX_MINUTES * 60 + 1 }).success).toBe(false);
    const unknown = clockChange.safeParse({ action: 'pause' });
    expect(unknown.error?.issues[0]?.path).toEqual(['action']);
    expect(unknown.error?.issues[0]?.message).toBe('must be extend (with minutes), set (with seconds) or clear');
  });

  it('[CLK4] people see time left, a warning from 5 minutes, the countdown once noticed, then time up', () => {
    const endsAt = NOW + 30 * MIN;
    expect(clockPhase(endsAt, false, NOW)).toBe('running');
    expect(clockPhase(endsAt, false, endsAt - CLOCK_WARNING_MS - 1)).toBe('running');
    expect(clockPhase(endsAt, false, endsAt - CLOCK_WARNING_MS)).toBe('warning');
    expect(clockPhase(endsAt, true, endsAt - CLOCK_NOTICE_MS)).toBe('ending');
    expect(clockPhase(endsAt, true, endsAt)).toBe('over');
  });
});
