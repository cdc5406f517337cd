import { describe, expect, it } from 'vitest';
import { MAX_HELD_BYTES, MAX_HELD_FRAMES } from '../../src/limits';
import { InOrder } from '../../src/room/inOrder';

/** Feeds frames 0..n-1 to a fresh connection in the order given; answers what was handed on. */
function feed(order: number[], bytes = 10): number[] {
  const inOrder = new InOrder<number>();
  inOrder.opened('c');
  return order.flatMap((seq) => inOrder.take('c', seq, seq, bytes));
}

/** A fixed shuffle (no Math.random: a failure must repeat). */
function shuffled(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let x = seed;
  for (let i = n - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe('[SYNC17] a connection’s numbered frames, back in order', () => {
  it('hands frames on in number order whatever order they came in, each exactly once', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const n = 1 + (seed % MAX_HELD_FRAMES);
      expect(feed(shuffled(n, seed))).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('holds an early frame until the one before it arrives', () => {
    const inOrder = new InOrder<string>();
    inOrder.opened('c');
    expect(inOrder.take('c', 1, 'b', 1)).toEqual([]);
    expect(inOrder.take('c', 2, 'c', 1)).toEqual([]);
    expect(inOrder.take('c', 0, 'a', 1)).toEqual(['a', 'b', 'c']);
    expect(inOrder.take('c', 3, 'd', 1)).toEqual(['d']);
  });

  it('hands an unnumbered frame on at once, and keeps connections apart', () => {
    const inOrder = new InOrder<string>();
    inOrder.opened('a');
    inOrder.opened('b');
    expect(inOrder.take('a', 1, 'a1', 1)).toEqual([]);
    expect(inOrder.take('a', null, 'plain', 1)).toEqual(['plain']);
    expect(inOrder.take('b', 0, 'b0', 1)).toEqual(['b0']);
    expect(inOrder.take('a', 0, 'a0', 1)).toEqual(['a0', 'a1']);
  });

  it('after waking from hibernation (no count kept) the first frame sets the count, and a late one is still handed on', () => {
    const inOrder = new InOrder<number>();
    expect(inOrder.take('c', 57, 57, 1)).toEqual([57]);
    expect(inOrder.take('c', 59, 59, 1)).toEqual([]);
    expect(inOrder.take('c', 56, 56, 1)).toEqual([56]); // late: never dropped
    expect(inOrder.take('c', 58, 58, 1)).toEqual([58, 59]);
  });

  it(`a gap that never fills: past MAX_HELD_FRAMES (${MAX_HELD_FRAMES}) everything held is handed on, in order, and the count goes on`, () => {
    const order = Array.from({ length: MAX_HELD_FRAMES + 1 }, (_, i) => i + 1); // 0 never comes
    const out = feed(order);
    expect(out).toEqual(order);
    const inOrder = new InOrder<number>();
    inOrder.opened('c');
    for (const seq of order) inOrder.take('c', seq, seq, 1);
    expect(inOrder.take('c', MAX_HELD_FRAMES + 2, 0, 1)).toEqual([0]);
  });

  it(`past MAX_HELD_BYTES (${MAX_HELD_BYTES}) held, the same: nothing is dropped`, () => {
    const big = MAX_HELD_BYTES / 2;
    const inOrder = new InOrder<number>();
    inOrder.opened('c');
    expect(inOrder.take('c', 2, 2, big)).toEqual([]);
    expect(inOrder.take('c', 1, 1, big)).toEqual([]);
    expect(inOrder.take('c', 3, 3, big)).toEqual([1, 2, 3]);
    expect(inOrder.take('c', 0, 0, 1)).toEqual([0]); // late now, still handed on
  });

  it('a number given twice while held hands on everything held rather than lose either frame', () => {
    const inOrder = new InOrder<string>();
    inOrder.opened('c');
    expect(inOrder.take('c', 2, 'x', 1)).toEqual([]);
    expect(inOrder.take('c', 2, 'y', 1).sort()).toEqual(['x', 'y']);
  });

  it('forgets a closed connection', () => {
    const inOrder = new InOrder<number>();
    inOrder.opened('c');
    expect(inOrder.take('c', 1, 1, 1)).toEqual([]);
    inOrder.forget('c');
    expect(inOrder.take('c', 5, 5, 1)).toEqual([5]);
  });
});
