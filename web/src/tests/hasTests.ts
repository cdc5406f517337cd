/**
 * Whether the room has test cases, so "Run tests" shows only where it can work (TR8).
 * The cases are the room's own question's as it is now (TR3: the bank question it was
 * made from as edited, one swapped in, one written in the room), so the answer comes
 * from the `question` message the room sends every socket, never from the bank
 * question the room was made with. A candidate's view counts hidden cases without
 * carrying them; the server refuses a room without cases in any case (`no_tests`).
 *
 * @example
 * const showRunTests = hasTests(state.question);
 */
import type { QuestionView } from '@codesync/worker/question';

export function hasTests(question: QuestionView | null | undefined): boolean {
  return Boolean(question && question.cases.length + question.hiddenCases > 0);
}
