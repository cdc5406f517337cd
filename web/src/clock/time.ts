/**
 * The clock as people read it: time left as "29:59" or "1:05:03", and what the
 * interviewer types to set it ("45" minutes, or "0:30" minutes:seconds).
 *
 * @example
 * formatLeft(90_000); // '1:30'
 * parseTimeLeft('0:30'); // 30 (seconds)
 */

/** Time left, rounded up to the second (a clock never shows 0:00 while time remains). */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Seconds from what the interviewer typed: whole minutes ("45") or minutes:seconds
 * ("0:30", "12:05"); null when it is neither. The server checks the range.
 */
export function parseTimeLeft(text: string): number | null {
  const value = text.trim();
  const minutes = /^(\d{1,3})$/.exec(value);
  if (minutes) return Number(minutes[1]) * 60;
  const split = /^(\d{1,3}):([0-5]\d)$/.exec(value);
  if (split) return Number(split[1]) * 60 + Number(split[2]);
  return null;
}
