/** Restore points every five minutes of activity (restore/activity.ts), folded from update times. */
import { describe, expect, it } from 'vitest';
import { RESTORE_IDLE_GAP_MS, RESTORE_POINT_EVERY_MS } from '../../../src/limits';
import { START, type Stamp, scanActivity } from '../../../src/restore/activity';

const ada = { name: 'Ada', role: 'candidate' as const };
const grace = { name: 'Grace', role: 'interviewer' as const };
const room = { name: 'CodeSync', role: 'room' as const };

/** An update every `gapMs` from `from`, by `who`. */
function typing(from: number, count: number, gapMs: number, who = ada, firstSeq = 1): Stamp[] {
  return Array.from({ length: count }, (_, i) => ({ seq: firstSeq + i, at: from + i * gapMs, who }));
}

describe('activity points', () => {
  it('[RST7] make a point each five minutes of typing, at the update that completes it, naming who typed', () => {
    const stamps = [{ seq: 1, at: 0, who: room }, ...typing(1_000, 700, 1_000, ada, 2)];
    stamps.splice(100, 0, { seq: 0, at: 0, who: grace }); // Grace typed once in the first stretch
    const fixed = stamps.map((s, i) => ({ ...s, seq: i + 1, at: Math.max(s.at, stamps[i - 1]?.at ?? 0) }));
    const { points, state } = scanActivity(START, fixed);
    expect(points.map((p) => p.at)).toEqual([RESTORE_POINT_EVERY_MS, 2 * RESTORE_POINT_EVERY_MS]);
    expect(points[0]?.who).toEqual([ada, grace]);
    expect(points[1]?.who).toEqual([ada]);
    expect(state.seq).toBe(fixed.length);
  });

  it('[RST7] count an idle stretch as at most RESTORE_IDLE_GAP_MS: a long break makes no point', () => {
    const before = typing(0, 60, 1_000); // a minute of typing
    const after = typing(3_600_000, 60, 1_000, ada, 61); // an hour later, another minute
    const { points, state } = scanActivity(START, [...before, ...after]);
    expect(points).toEqual([]);
    expect(state.activeMs).toBe(59_000 + RESTORE_IDLE_GAP_MS + 59_000);
  });

  it('[RST7] resumes where the last scan stopped: scanning in parts finds the same points as at once', () => {
    const stamps = typing(0, 1_500, 900);
    const whole = scanActivity(START, stamps).points;
    let state = START;
    const parts = [];
    for (let i = 0; i < stamps.length; i += 137) {
      const scan = scanActivity(state, stamps.slice(i, i + 137));
      state = scan.state;
      parts.push(...scan.points);
    }
    expect(parts).toEqual(whole);
    expect(whole.length).toBe(4);
  });
});
