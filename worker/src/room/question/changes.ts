/**
 * The interviewer's changes to the question, as a pure function: the question before,
 * one change, the question after (or a refusal naming the field). The swap to a bank
 * question also touches the shared doc, so the desk (desk.ts) does it.
 *
 * @example
 * const next = applyChange(question, { op: 'addCase', case }, newCaseId);
 */
import { MAX_QUESTION_BYTES, MAX_QUESTION_CASES } from '../../limits';
import { ok, type Result, refused } from '../../refusals';
import type { QuestionChange, RoomCase, RoomQuestion } from './schema';

export type TextChange = Exclude<QuestionChange, { op: 'swap' }>;

/** A fresh case id: 12 base64url characters (72 random bits). */
export function newCaseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

const NO_QUESTION =
  'This room has no question yet: write one ({op: "write", title, statement}) or swap to a bank question ({op: "swap", questionId}).';

export function applyChange(
  question: RoomQuestion | null,
  change: TextChange,
  newId: () => string = newCaseId,
): Result<RoomQuestion> {
  if (change.op === 'write') {
    const { title, statement, difficulty, cases } = change;
    return checked({ from: null, title, statement, difficulty, cases: cases.map((c) => ({ ...c, id: newId() })) });
  }
  if (!question) return refused('bad_request', NO_QUESTION);
  switch (change.op) {
    case 'edit': {
      const { title, statement, difficulty } = change;
      return checked({
        ...question,
        ...(title === undefined ? {} : { title }),
        ...(statement === undefined ? {} : { statement }),
        ...(difficulty === undefined ? {} : { difficulty }),
      });
    }
    case 'addCase': {
      if (question.cases.length >= MAX_QUESTION_CASES) {
        return refused('bad_request', `cases: a question has at most ${MAX_QUESTION_CASES} cases; delete one first`);
      }
      return checked({ ...question, cases: [...question.cases, { ...change.case, id: newId() }] });
    }
    case 'editCase': {
      const index = question.cases.findIndex((c) => c.id === change.id);
      const before = question.cases[index];
      if (!before) return refused('bad_request', 'id: no case with this id (it may have just been deleted)');
      const { timeLimitMs, ...rest } = change.case;
      const after: RoomCase = { ...before, ...rest };
      if (timeLimitMs === null) delete after.timeLimitMs;
      else if (timeLimitMs !== undefined) after.timeLimitMs = timeLimitMs;
      return checked({ ...question, cases: question.cases.map((c, i) => (i === index ? after : c)) });
    }
    case 'deleteCase': {
      if (!question.cases.some((c) => c.id === change.id)) {
        return refused('bad_request', 'id: no case with this id (it may have just been deleted)');
      }
      return checked({ ...question, cases: question.cases.filter((c) => c.id !== change.id) });
    }
    default: {
      const unreachable: never = change;
      throw new Error(`unhandled question change ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The whole question, as stored and as sent on every change, stays under MAX_QUESTION_BYTES. */
export function checked(question: RoomQuestion): Result<RoomQuestion> {
  const bytes = new TextEncoder().encode(JSON.stringify(question)).byteLength;
  if (bytes > MAX_QUESTION_BYTES) {
    return refused(
      'bad_request',
      `question: would be ${bytes} bytes with its cases, over ${MAX_QUESTION_BYTES}; shorten the statement or the cases' input and output`,
    );
  }
  return ok(question);
}
