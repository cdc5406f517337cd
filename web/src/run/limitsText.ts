/**
 * A run's figures in words, and against its limits: "0.12 s / 5 s", "8.8 MB / 256 MB".
 * Seconds, not milliseconds: limits are set in seconds, so figures read the same way.
 *
 * @example
 * usedOf(120, 5000, seconds); // "0.12 s / 5 s"
 */

/** Milliseconds as seconds, with no trailing zeros past what they say (0.12 s, 1.5 s, 5 s). */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number(s.toFixed(s < 10 ? 2 : 1))} s`;
}

/** Kilobytes as megabytes, one decimal (8.8 MB). */
export function megabytesOfKb(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MB`;
}

/** A whole number of megabytes (256 MB). */
export function megabytes(mb: number): string {
  return `${mb} MB`;
}

/** What was used against its limit, or just what was used when the run kept no limit (older runs, test runs). */
export function usedOf(used: string, limit: string | null): string {
  return limit === null ? used : `${used} / ${limit}`;
}
