/**
 * What each role is told about the room's question. Built field by field from
 * allow-lists, never by spreading the stored question, so a hidden case (or a field
 * added to the store later) cannot reach a candidate by accident. Whether a role sees
 * hidden cases is roles.ts's `review` (what is kept from the candidate).
 *
 * @example
 * viewFor('candidate', question); // visible cases only, and how many are hidden
 */
import { can, type Role } from '../../auth/roles';
import type { QuestionView, RoomCase, RoomQuestion } from './schema';

/** One case, by its allowed fields. */
function caseView(c: RoomCase): RoomCase {
  const { id, name, stdin, expected, hidden, compare, timeLimitMs } = c;
  return { id, name, stdin, expected, hidden, compare, ...(timeLimitMs === undefined ? {} : { timeLimitMs }) };
}

export function viewFor(role: Role, question: RoomQuestion | null): QuestionView | null {
  if (!question) return null;
  const seesHidden = can(role, 'review');
  return {
    from: question.from,
    title: question.title,
    statement: question.statement,
    difficulty: question.difficulty,
    cases: question.cases.filter((c) => seesHidden || !c.hidden).map(caseView),
    hiddenCases: question.cases.filter((c) => c.hidden).length,
  };
}

/** The cases in the order a test run takes them: the visible ones first, then the hidden, each in the interviewer's order. */
export function runOrder(question: RoomQuestion | null): RoomCase[] {
  if (!question) return [];
  return [...question.cases.filter((c) => !c.hidden), ...question.cases.filter((c) => c.hidden)].map(caseView);
}
