/**
 * The image builder's pool (scripts/limited.mjs): a few builds at once, every build
 * attempted, every failure reported.
 */
import { describe, expect, it } from 'vitest';
import { inParallel } from '../scripts/limited.mjs';

/** A task that finishes when the test says so, recording how many ran at once. */
function gate() {
  const waiting = new Map<string, () => void>();
  const started: string[] = [];
  let running = 0;
  let most = 0;
  const task = (item: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      most = Math.max(most, ++running);
      waiting.set(item, () => {
        running--;
        if (item.startsWith('bad')) reject(new Error(`${item} failed`));
        else resolve();
      });
    });
  const finish = async (item: string) => {
    await expect.poll(() => waiting.has(item)).toBe(true);
    waiting.get(item)?.();
  };
  return { task, finish, started, most: () => most };
}

describe('inParallel', () => {
  it('[LANGA6] runs at most the limit at once, in the order given, and every task', async () => {
    const g = gate();
    const items = ['a', 'b', 'c', 'd', 'e'];
    const done = inParallel(items, 3, g.task);
    await expect.poll(() => g.started.length).toBe(3);
    expect(g.started).toEqual(['a', 'b', 'c']);
    await g.finish('b');
    await expect.poll(() => g.started).toEqual(['a', 'b', 'c', 'd']);
    for (const item of ['a', 'c', 'd', 'e']) await g.finish(item);
    expect(await done).toEqual([]);
    expect(g.most()).toBe(3);
  });

  it('[LANGA6] a failure does not stop the others; every failure is returned', async () => {
    const g = gate();
    const done = inParallel(['bad1', 'ok1', 'bad2', 'ok2'], 2, g.task);
    for (const item of ['bad1', 'ok1', 'bad2', 'ok2']) await g.finish(item);
    const failures = await done;
    expect(failures.map((f) => [f.item, f.error.message])).toEqual([
      ['bad1', 'bad1 failed'],
      ['bad2', 'bad2 failed'],
    ]);
    expect(g.started).toEqual(['bad1', 'ok1', 'bad2', 'ok2']);
  });

  it('[LANGA6] refuses a limit that is not a whole number of at least 1', async () => {
    await expect(inParallel(['a'], 0, async () => {})).rejects.toThrow('limit must be a whole number ≥ 1, got 0');
    await expect(inParallel([], 1, async () => {})).resolves.toEqual([]);
  });
});
