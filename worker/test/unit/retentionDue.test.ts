import { describe, expect, it } from 'vitest';
import { DAY_MS, isDue } from '../../src/room/retention';

describe('when an ended room is due', () => {
  const endedAt = 1_700_000_000_000;
  it('[RET5] a room with no stored date (ended before retention) is due at ended_at + RETENTION_DAYS', () => {
    expect(isDue(endedAt, null, 30, endedAt + 30 * DAY_MS - 1)).toBe(false);
    expect(isDue(endedAt, null, 30, endedAt + 30 * DAY_MS)).toBe(true);
  });

  it('[RET5] the earlier of the stored date and the current policy wins; an active room is never due', () => {
    expect(isDue(endedAt, endedAt + 30 * DAY_MS, 7, endedAt + 7 * DAY_MS)).toBe(true); // policy shortened
    expect(isDue(endedAt, endedAt + 7 * DAY_MS, 30, endedAt + 7 * DAY_MS)).toBe(true); // as promised when it ended
    expect(isDue(null, null, 1, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
