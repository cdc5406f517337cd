/**
 * The playhead's motion, as pure functions of the history's times: playing at a speed,
 * skipping idle stretches, stepping between events, and the position (updates applied)
 * for a moment. The page calls them once per animation frame.
 *
 * @example
 * advance(at, 16, 32, true, activity) // where the playhead is one 16 ms frame later at 32×
 */

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type Speed = (typeof SPEEDS)[number];

/** A stretch with no update and no event longer than this is idle… */
export const IDLE_GAP_MS = 3_000;
/** …and "skip idle" passes it in about this long, whatever its length. */
export const IDLE_PASS_MS = 1_000;
/** J and L jump this far back and forward, as video players do. */
export const JUMP_MS = 10_000;

/** How many of the sorted `times` are at or before `at`: the replay position for that moment. */
export function countAtOrBefore(times: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The playhead `dtMs` of wall time later, at `speed`. With `skipIdle`, inside a gap
 * between two moments of `activity` (sorted unix ms) longer than IDLE_GAP_MS the
 * speed rises so the gap takes IDLE_PASS_MS; never past `end`.
 */
export function advance(
  at: number,
  dtMs: number,
  speed: number,
  skipIdle: boolean,
  activity: ArrayLike<number>,
  end: number,
): number {
  let rate = speed;
  if (skipIdle) {
    const i = countAtOrBefore(activity, at);
    const before = i > 0 ? (activity[i - 1] as number) : null;
    const after = i < activity.length ? (activity[i] as number) : null;
    if (before !== null && after !== null && after - before > IDLE_GAP_MS) {
      rate = Math.max(speed, (after - before) / IDLE_PASS_MS);
    }
  }
  return Math.min(end, at + dtMs * rate);
}

/** The nearest event time strictly after `at`, or null. `times` sorted. */
export function nextTime(times: readonly number[], at: number): number | null {
  const i = countAtOrBefore(times, at);
  return i < times.length ? (times[i] as number) : null;
}

/** The nearest event time strictly before `at`, or null. `times` sorted. */
export function previousTime(times: readonly number[], at: number): number | null {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (times[lo - 1] as number) : null;
}

/** Two sorted lists as one sorted list. */
export function mergeSorted(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    if (j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))) out[k] = a[i++] as number;
    else out[k] = b[j++] as number;
  }
  return out;
}
