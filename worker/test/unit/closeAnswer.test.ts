/**
 * What the room sends back to a client's close (room/connections.ts closeAnswer): a code
 * and reason workerd will send, so the answer never throws and the client is never left
 * waiting (SYNC20).
 */
import { describe, expect, it } from 'vitest';
import { closeAnswer } from '../../src/room/connections';

describe('closeAnswer', () => {
  it('[SYNC20] echoes a code that may be sent, with its reason', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1011, 1014, 3000, 4000, 4999]) {
      expect(closeAnswer(code, 'bye')).toEqual({ code, reason: 'bye' });
    }
  });

  it('[SYNC20] answers 1000 to a code that says none came or may not be sent', () => {
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]) {
      expect(closeAnswer(code, '')).toEqual({ code: 1000, reason: '' });
    }
  });

  it('[SYNC20] cuts a reason to 123 bytes of UTF-8 without splitting a character', () => {
    const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
    expect(closeAnswer(1000, 'a'.repeat(123)).reason).toBe('a'.repeat(123));
    expect(closeAnswer(1000, 'a'.repeat(200)).reason).toBe('a'.repeat(123));
    // U+FFFD (3 bytes each), as the runtime turns a client's bad bytes into text: 41 fit.
    expect(closeAnswer(4000, '\uFFFD'.repeat(60))).toEqual({ code: 4000, reason: '\uFFFD'.repeat(41) });
    // A 4-byte character across the cut is dropped whole, never half-sent.
    const cut = closeAnswer(1000, `${'a'.repeat(121)}😀b`).reason;
    expect(cut).toBe('a'.repeat(121));
    expect(bytes(cut)).toBeLessThanOrEqual(123);
    const two = closeAnswer(1000, `${'a'.repeat(122)}é`).reason;
    expect(two).toBe('a'.repeat(122));
  });
});
