/**
 * The output cap keeps at most its bytes, and what it keeps is valid UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { OutputBudget, utf8Prefix } from '../../src/sandbox/outputBudget';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('OutputBudget', () => {
  it('passes text under the cap whole, and text exactly at it without cutting', () => {
    const budget = new OutputBudget(10);
    expect(budget.take('hello')).toBe('hello');
    expect(budget.take('world')).toBe('world');
    expect(budget.exhausted).toBe(false);
    expect(budget.usedBytes).toBe(10);
  });

  it('cuts the chunk that crosses the cap and keeps nothing after it', () => {
    const budget = new OutputBudget(8);
    expect(budget.take('12345')).toBe('12345');
    expect(budget.take('67890')).toBe('678');
    expect(budget.exhausted).toBe(true);
    expect(budget.take('more')).toBe('');
    expect(budget.usedBytes).toBe(8);
  });

  it('never cuts inside a character, so no replacement character pushes it past the cap', () => {
    // "é" is 2 bytes, "€" 3, "😀" 4: a cap landing inside each must back off to its start.
    for (const [text, cap, kept] of [
      ['aé', 2, 'a'],
      ['ab€', 4, 'ab'],
      ['😀😀', 7, '😀'],
      ['😀', 3, ''],
    ] as const) {
      const budget = new OutputBudget(cap);
      const out = budget.take(text);
      expect(out).toBe(kept);
      expect(out).not.toContain('\uFFFD');
      expect(bytes(out)).toBeLessThanOrEqual(cap);
      expect(budget.exhausted).toBe(true);
    }
  });

  it('utf8Prefix returns the whole text when it fits', () => {
    expect(utf8Prefix('€€', 6)).toBe('€€');
    expect(utf8Prefix('€€', 5)).toBe('€');
    expect(utf8Prefix('abc', 0)).toBe('');
  });
});
