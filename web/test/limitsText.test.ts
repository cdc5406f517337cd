import { describe, expect, it } from 'vitest';
import { megabytes, megabytesOfKb, seconds, usedOf } from '../src/run/limitsText';

describe('run figures against their limits', () => {
  it('[RLIM7] reads "0.12 s / 5 s" and "8.8 MB / 256 MB"; a run without limits shows only what it used', () => {
    expect(usedOf(seconds(120), seconds(5000))).toBe('0.12 s / 5 s');
    expect(usedOf(seconds(1500), seconds(1000))).toBe('1.5 s / 1 s');
    expect(usedOf(seconds(12_345), seconds(10_000))).toBe('12.3 s / 10 s');
    expect(usedOf(megabytesOfKb(9000), megabytes(256))).toBe('8.8 MB / 256 MB');
    expect(usedOf(seconds(7), null)).toBe('0.01 s');
  });
});
