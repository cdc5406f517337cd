import { expect, it } from 'vitest';
import type { QuestionView } from '../../worker/src/room/question/schema';
import { hasTests } from '../src/tests/hasTests';

const view = (cases: number, hiddenCases: number, from: string | null = null): QuestionView => ({
  from,
  title: 'Q',
  statement: '',
  difficulty: 'easy',
  cases: Array.from({ length: cases }, (_, i) => ({
    id: `case-id-${String(i).padStart(4, '0')}`,
    name: `case ${i}`,
    stdin: '',
    expected: '',
    hidden: false,
    compare: 'trimmed' as const,
  })),
  hiddenCases,
});

it("[TR8] Run tests follows the room's question as it is now, not the bank question the room was made with", () => {
  // A blank room whose interviewer wrote (or swapped in) a question with cases: offered.
  expect(hasTests(view(2, 0))).toBe(true);
  // A candidate's view of a question whose only cases are hidden: offered (they run, cut down).
  expect(hasTests(view(0, 3, 'two-sum'))).toBe(true);
  // A room made from a bank question that now asks a design question, or none: not offered.
  expect(hasTests(view(0, 0, 'lru-cache'))).toBe(false);
  expect(hasTests(null)).toBe(false);
});
