/**
 * The cases a room's "Run tests" runs: the room's own question's (room/question/, the
 * interviewer's edits and swaps included), as the executor job carries them.
 *
 * Visible cases go first and hidden ones after. All cases share one sandbox, so a
 * program can carry data from one case into a later one (a file in /tmp); in this order
 * hidden data can only flow into hidden cases, whose output a candidate never sees (TR4).
 *
 * @example
 * const cases = roomTestCases(questionDesk.cases()); // [] when the room has nothing to test
 */
import type { RoomCase } from '../room/question/schema';
import type { TestCase } from './schema';

export function roomTestCases(cases: readonly RoomCase[]): TestCase[] {
  // The id is the room question's own (random, stable while the case lives): it says
  // nothing about a hidden case beyond that it exists.
  const all = cases.map((c) => ({
    id: c.id,
    name: c.name,
    hidden: c.hidden,
    stdin: c.stdin,
    expected: c.expected,
    compare: c.compare,
    timeLimitMs: c.timeLimitMs ?? null,
  }));
  return [...all.filter((c) => !c.hidden), ...all.filter((c) => c.hidden)];
}
