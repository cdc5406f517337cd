/**
 * Waits for a condition with a deadline: the one way every test tier and bench waits
 * (never a fixed sleep). Works in Node and inside workerd (both have setTimeout).
 *
 * @example
 * const closed = await until(() => peer.closed ?? undefined, 'the close');
 */
export async function until<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  /** What is awaited; a function is asked at the deadline, so it can say what it saw. */
  what: string | (() => string),
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
