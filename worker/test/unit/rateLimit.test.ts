import { expect, it } from 'vitest';
import { TokenBuckets } from '../../src/room/rateLimit';

it('[LIM5] allows a burst, then refills at the rate, per key', () => {
  const buckets = new TokenBuckets(10, 3);
  const t = 1_000_000;
  expect([1, 2, 3, 4].map(() => buckets.take('a', t))).toEqual([true, true, true, false]);
  expect(buckets.take('b', t)).toBe(true); // another connection has its own bucket
  expect(buckets.take('a', t + 100)).toBe(true); // 100 ms at 10/s = one token
  expect(buckets.take('a', t + 100)).toBe(false);
  buckets.forget('a');
  expect(buckets.take('a', t + 100)).toBe(true);
});
