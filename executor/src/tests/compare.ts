/**
 * Whether a program's stdout passes a case. The one comparison: the executor judges
 * test jobs with it (tests/judge.ts) and the worker's question bank imports it from
 * `@codesync/executor/compare`, so a room and the executor judge alike.
 *
 * @example
 * outputMatches('1 2\n', '1 2  \n\n', 'trimmed'); // true
 * outputMatches('true\n', 'true', 'exact'); // false
 */
import type { JobTestCase } from '../api';

export type Comparison = JobTestCase['compare'];

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
