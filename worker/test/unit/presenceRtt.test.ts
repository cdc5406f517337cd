/**
 * The round trip a client puts in its presence (web/src/room/health.ts) is relayed to
 * everyone and read by GET /api/rooms/:roomId: the room passes on only a bounded whole
 * number, and says itself which connection a state came from.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PRESENCE_RTT_MS } from '../../src/limits';
import { rttOf } from '../../src/room/online';
import { sanitizePresence } from '../../src/room/presence';

const owner = { clientId: 7, connId: 'conn-of-ada', name: 'Ada', role: 'candidate' as const };
const clean = (rttMs: unknown) => sanitizePresence({ user: { name: 'x' }, rttMs }, owner);

describe('rttMs in presence', () => {
  it('[HLT1] a measured round trip is relayed as a whole number of milliseconds', () => {
    expect(clean(42)?.rttMs).toBe(42);
    expect(clean(41.6)?.rttMs).toBe(42);
    expect(clean(0)?.rttMs).toBe(0);
  });

  it(`[HLT1] a huge round trip is clamped to MAX_PRESENCE_RTT_MS (${MAX_PRESENCE_RTT_MS})`, () => {
    expect(clean(1e12)?.rttMs).toBe(MAX_PRESENCE_RTT_MS);
    expect(clean(MAX_PRESENCE_RTT_MS + 1)?.rttMs).toBe(MAX_PRESENCE_RTT_MS);
  });

  for (const hostile of [-1, -1e9, '120', '1e9', null, true, { ms: 5 }, [5], JSON.parse('1e400'), Number.NaN])
    it(`[HLT1] a round trip of ${JSON.stringify(hostile)} is dropped, the rest of the state kept`, () => {
      const state = clean(hostile);
      expect(state).not.toBeNull();
      expect(state).not.toHaveProperty('rttMs');
      expect(state?.user.name).toBe('Ada');
    });

  it('[HLT1] connId comes from the connection, never from the state', () => {
    const state = sanitizePresence({ user: { name: 'x' }, connId: 'conn-of-someone-else', rttMs: 10 }, owner);
    expect(state?.connId).toBe('conn-of-ada');
  });

  it('[HLT1] the stored presence read back for the room API gives the figure, or null before one', () => {
    const stored = (state: object) => [{ clientId: 7, clock: 1, state: JSON.stringify(state) }];
    expect(rttOf(stored({ user: {}, rttMs: 99 }))).toBe(99);
    expect(rttOf(stored({ user: {} }))).toBeNull();
    expect(rttOf([])).toBeNull();
  });
});
