/**
 * Whether a program's stdout passes a case. One function for the tests that prove the
 * reference solutions and, later, for the room's test runs, so both judge alike.
 *
 * @example
 * outputMatches('1 2\n', '1 2  \n\n', 'trimmed'); // true
 * outputMatches('true\n', 'true', 'exact'); // false
 */
import type { Comparison } from './schema';

/** Trailing spaces on each line and blank lines at either end do not count. */
export function trimOutput(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

export function outputMatches(expected: string, actual: string, compare: Comparison): boolean {
  switch (compare) {
    case 'exact':
      return actual === expected;
    case 'trimmed':
      return trimOutput(actual) === trimOutput(expected);
    default: {
      const unknown: never = compare;
      throw new Error(`unknown comparison ${String(unknown)}`);
    }
  }
}
