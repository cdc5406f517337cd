/**
 * The room's question: its shape as stored, as each role sees it, and the changes the
 * interviewer may make. It lives in the Durable Object's SQLite, never in the shared
 * Y.Doc (every peer of the doc would get the hidden cases). The web app imports this
 * module (`@codesync/worker/question`); it is the one definition of the contract.
 *
 * @example
 * const change = questionChange.parse({ op: 'edit', statement: '# Two Sum' });
 */
import { MAX_STDIN_BYTES, MAX_TEST_EXPECTED_BYTES } from '@codesync/executor/limits';
import { z } from 'zod';
import {
  MAX_CASE_NAME_CHARS,
  MAX_QUESTION_CASES,
  MAX_QUESTION_STATEMENT_BYTES,
  MAX_QUESTION_TITLE_CHARS,
} from '../../limits';
import { COMPARISONS, DIFFICULTIES, MAX_CASE_TIME_LIMIT_MS } from '../../questions/schema';

export { COMPARISONS, DIFFICULTIES };

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;
const atMostBytes = (max: number, fix: string) =>
  z.string().refine((s) => utf8Bytes(s) <= max, `must be at most ${max} bytes (UTF-8); ${fix}`);

/** Case ids: 12 base64url characters, made by the room (the executor echoes them). */
export const CASE_ID = /^[A-Za-z0-9_-]{12}$/;
export const caseId = z.string().regex(CASE_ID, 'must be the id of one of the question’s cases');

export const questionTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_QUESTION_TITLE_CHARS, `must be at most ${MAX_QUESTION_TITLE_CHARS} characters`);
export const questionStatement = atMostBytes(MAX_QUESTION_STATEMENT_BYTES, 'shorten the statement');
export const difficulty = z.enum(DIFFICULTIES, { error: `must be one of ${DIFFICULTIES.join(', ')}` });

/** A case as the interviewer writes it (the bank's case shape). */
export const caseInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must name the case for people, e.g. "empty list"')
      .max(MAX_CASE_NAME_CHARS, `must be at most ${MAX_CASE_NAME_CHARS} characters`),
    stdin: atMostBytes(MAX_STDIN_BYTES, 'the executor takes no larger input'),
    expected: atMostBytes(MAX_TEST_EXPECTED_BYTES, 'the executor compares no larger output'),
    hidden: z.boolean({ error: 'must be true (the candidate never sees it) or false (an example)' }),
    compare: z.enum(COMPARISONS, { error: `must be one of ${COMPARISONS.join(', ')}` }),
    timeLimitMs: z
      .number()
      .int()
      .min(100, 'must be at least 100 ms')
      .max(MAX_CASE_TIME_LIMIT_MS, `must be at most ${MAX_CASE_TIME_LIMIT_MS} ms`)
      .optional(),
  })
  .strict();
export type CaseInput = z.infer<typeof caseInput>;

export const roomCase = caseInput.extend({ id: caseId });
export type RoomCase = z.infer<typeof roomCase>;

/** The question as the room stores it. `from`: the bank slug it came from, null if written in the room. */
export const roomQuestion = z
  .object({
    from: z.string().nullable(),
    title: questionTitle,
    statement: questionStatement,
    difficulty,
    cases: z.array(roomCase).max(MAX_QUESTION_CASES),
  })
  .strict();
export type RoomQuestion = z.infer<typeof roomQuestion>;

/**
 * What one role is sent (views.ts builds it): the interviewer and observers get every
 * case; a candidate gets the visible ones and `hiddenCases`, a count, nothing more.
 */
export const questionView = z.object({
  from: z.string().nullable(),
  title: z.string(),
  statement: z.string(),
  difficulty,
  cases: z.array(roomCase),
  hiddenCases: z.number().int().min(0),
});
export type QuestionView = z.infer<typeof questionView>;

/** What the interviewer may do to the question: `PUT /api/rooms/:roomId/question` body, or a socket message. */
export const questionChange = z.discriminatedUnion(
  'op',
  [
    /** Live edits of the text (the UI sends them debounced, as they are typed). */
    z
      .object({
        op: z.literal('edit'),
        title: questionTitle.optional(),
        statement: questionStatement.optional(),
        difficulty: difficulty.optional(),
      })
      .strict(),
    /** A question written in the room from scratch: replaces the one there is. */
    z
      .object({
        op: z.literal('write'),
        title: questionTitle,
        statement: questionStatement,
        difficulty: difficulty.default('medium'),
        cases: z
          .array(caseInput)
          .max(MAX_QUESTION_CASES, `a question has at most ${MAX_QUESTION_CASES} cases`)
          .default([]),
      })
      .strict(),
    z.object({ op: z.literal('addCase'), case: caseInput }).strict(),
    /** Changes the given fields of one case (toggle `hidden`, change `compare` …). */
    z
      .object({
        op: z.literal('editCase'),
        id: caseId,
        // null removes the case's own time limit (the run's applies).
        case: caseInput.partial().extend({ timeLimitMs: caseInput.shape.timeLimitMs.unwrap().nullable().optional() }),
      })
      .strict(),
    z.object({ op: z.literal('deleteCase'), id: caseId }).strict(),
    /** A bank question instead (GET /api/questions): its statement and cases, and its starter as a new file. */
    z.object({ op: z.literal('swap'), questionId: z.string().min(1).max(100) }).strict(),
  ],
  { error: 'op must be one of edit, write, addCase, editCase, deleteCase, swap' },
);
export type QuestionChange = z.infer<typeof questionChange>;
/** A change as a client writes it (defaults not yet filled in). */
export type QuestionChangeInput = z.input<typeof questionChange>;
