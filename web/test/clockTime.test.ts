/** How the header reads the clock and what the interviewer may type to set it (web/src/clock/time.ts). */
import { describe, expect, it } from 'vitest';
import { formatLeft, parseTimeLeft } from '../src/clock/time';

describe('the clock as people read it', () => {
  it('[CLK4] shows minutes and seconds left, hours past an hour, rounded up, never negative', () => {
    expect(formatLeft(30 * 60_000)).toBe('30:00');
    expect(formatLeft(90_000)).toBe('1:30');
    expect(formatLeft(9_001)).toBe('0:10');
    expect(formatLeft(65 * 60_000 + 3_000)).toBe('1:05:03');
    expect(formatLeft(-5_000)).toBe('0:00');
  });

  it('[CLK4] reads whole minutes or minutes:seconds, and nothing else', () => {
    expect(parseTimeLeft('45')).toBe(2_700);
    expect(parseTimeLeft(' 0:15 ')).toBe(15);
    expect(parseTimeLeft('12:05')).toBe(725);
    for (const bad of ['', 'ten', '1:5', '1:60', '-3', '1.5']) expect(parseTimeLeft(bad)).toBeNull();
  });
});
