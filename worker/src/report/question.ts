/**
 * The question a report shows, hidden cases included (the report never reaches a
 * candidate). Read through this one function: today from the bank by the room's
 * `questionId`; the room's own editable question replaces the source at merge (the
 * lead switches it here, nowhere else).
 */
import { questionFor } from '../questions';
import type { RoomRecord } from '../room/roomMeta';
import type { ReportQuestion } from './schema';

export function reportQuestionOf(record: RoomRecord): ReportQuestion | null {
  const entry = record.questionId === null ? null : questionFor(record.questionId);
  if (!entry) return null;
  const { question, statement } = entry;
  return {
    slug: question.slug,
    title: question.title,
    difficulty: question.difficulty,
    statement,
    // Field by field, so a field added to question.json later does not slip in unseen.
    tests: question.tests.map(({ name, hidden, stdin, expected, compare, timeLimitMs }) => ({
      name,
      hidden,
      stdin,
      expected,
      compare,
      timeLimitMs: timeLimitMs ?? null,
    })),
  };
}
