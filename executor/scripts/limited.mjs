// Runs tasks at most `limit` at a time, in order of the list; every task runs even when
// another fails, and the failures are returned together (a build log then shows every
// image that did not build, not only the first).

/**
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<void>} task
 * @returns {Promise<{item: T, error: Error}[]>} the failures, in the order they happened
 * @example
 * const failed = await inParallel(['ruby', 'php'], 3, (id) => build(id));
 */
export async function inParallel(items, limit, task) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a whole number ≥ 1, got ${limit}`);
  const failures = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failures.push({ item, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return failures;
}
