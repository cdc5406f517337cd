/**
 * The cases a room's "Run tests" runs, from the one place that knows where they live.
 * Today that is the bank question the room was made from (`record.questionId`); a room's
 * own editable question will answer here instead, and nothing else changes.
 *
 * Visible cases go first and hidden ones after. All cases share one sandbox, so a
 * program can carry data from one case into a later one (a file in /tmp); in this order
 * hidden data can only flow into hidden cases, whose output a candidate never sees (TR4).
 *
 * @example
 * const cases = roomTestCases(record); // [] when the room has nothing to test
 */
import { questionFor } from '../questions';
import type { TestCase } from './schema';

/** `record`: the room's own record (room/roomMeta.ts); only its question is read today. */
export function roomTestCases(record: { questionId: string | null }): TestCase[] {
  const question = record.questionId === null ? null : questionFor(record.questionId);
  if (!question) return [];
  // The id is the case's place in question.json: stable across runs, and it says
  // nothing about a hidden case (not its name) beyond that it exists.
  const cases = question.question.tests.map((c, index) => ({
    id: `case-${index + 1}`,
    name: c.name,
    hidden: c.hidden,
    stdin: c.stdin,
    expected: c.expected,
    compare: c.compare,
    timeLimitMs: c.timeLimitMs ?? null,
  }));
  return [...cases.filter((c) => !c.hidden), ...cases.filter((c) => c.hidden)];
}
