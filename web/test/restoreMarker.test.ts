import { expect, it } from 'vitest';
import { clockTime, markerOf } from '../src/playback/markers';

it('[RST8] a restore is marked in words: who restored the files to which moment, as a clock here reads it', () => {
  const to = new Date(2026, 11, 2, 9, 5, 7).getTime();
  const marker = markerOf({
    type: 'restore',
    at: to + 60_000,
    who: { name: 'Grace', role: 'interviewer' },
    to,
    from: to + 59_999,
  });
  expect(clockTime(to)).toBe('09:05:07');
  expect(marker).toMatchObject({ type: 'restore', tone: 'info', label: 'Grace restored the files to 09:05:07' });
});
