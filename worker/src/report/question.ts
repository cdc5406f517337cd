/**
 * The question a report shows, hidden cases included (the report never reaches a
 * candidate): the room's own question as it stands (room/question/: the bank question
 * it was made from, as the interviewer edited or swapped it, or one written in the room).
 */
import type { QuestionView } from '../room/question/schema';
import type { ReportQuestion } from './schema';

/** Written in the room: no bank slug. */
const WRITTEN_IN_THE_ROOM = 'written in the room';

export function reportQuestionOf(question: QuestionView | null): ReportQuestion | null {
  if (!question) return null;
  return {
    slug: question.from ?? WRITTEN_IN_THE_ROOM,
    title: question.title,
    difficulty: question.difficulty,
    statement: question.statement,
    // Field by field, so a field added to the room's question later does not slip in unseen.
    tests: question.cases.map(({ name, hidden, stdin, expected, compare, timeLimitMs }) => ({
      name,
      hidden,
      stdin,
      expected,
      compare,
      timeLimitMs: timeLimitMs ?? null,
    })),
  };
}
