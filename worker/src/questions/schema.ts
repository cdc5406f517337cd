/**
 * What a question's folder says about it (questions/<slug>/question.json). The bank's
 * bundler (scripts/questions.ts) refuses a folder that does not match, and the worker
 * parses the bundle again when it loads, so a hand-edited bundle cannot slip through.
 *
 * @example
 * const question = questionSchema.parse(JSON.parse(text));
 * question.tests.filter((c) => !c.hidden); // the examples a candidate sees
 */
import { z } from 'zod';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Words the web app can filter by; a new topic is added here, not invented per question. */
export const TOPICS = [
  'arrays',
  'strings',
  'hashing',
  'graphs',
  'grids',
  'topological-sort',
  'dp',
  'intervals',
  'sorting',
  'heap',
  'stack',
  'binary-search',
  'two-pointers',
  'design',
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * How a program's stdout is compared with the expected output (`@codesync/executor/compare`): `exact`
 * byte for byte; `trimmed` ignores trailing spaces on each line and blank lines at the ends.
 */
export const COMPARISONS = ['exact', 'trimmed'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/**
 * A case's input and output stay small: the whole bank is bundled into the worker, and
 * a case is sent to the executor as one job's stdin. 32 KiB holds the larger hidden
 * inputs (a few thousand numbers) that tell an O(n log n) solution from an O(n²) one.
 */
export const MAX_CASE_BYTES = 32 * 1024;
/** The executor's own ceiling for a job (EXECUTOR_MAX_TIME_MS defaults to 10 s). */
export const MAX_CASE_TIME_LIMIT_MS = 10_000;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;
const bounded = (what: string) =>
  z.string().refine((s) => utf8Bytes(s) <= MAX_CASE_BYTES, `${what} must be at most ${MAX_CASE_BYTES} bytes`);

export const testCaseSchema = z
  .object({
    name: z.string().min(1, 'must name the case for people, e.g. "empty string"').max(80),
    stdin: bounded('stdin'),
    expected: bounded('expected'),
    hidden: z.boolean({ error: 'must be true (only the report shows it) or false (an example)' }),
    timeLimitMs: z.number().int().min(100).max(MAX_CASE_TIME_LIMIT_MS).optional(),
    compare: z.enum(COMPARISONS, { error: `must be one of ${COMPARISONS.join(', ')}` }),
  })
  .strict();
export type TestCase = z.infer<typeof testCaseSchema>;

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const questionSchema = z
  .object({
    slug: z.string().regex(SLUG, 'must be lowercase words joined by "-", the folder name'),
    title: z.string().min(1).max(80),
    difficulty: z.enum(DIFFICULTIES, { error: `must be one of ${DIFFICULTIES.join(', ')}` }),
    topics: z.array(z.enum(TOPICS, { error: `must be one of ${TOPICS.join(', ')}` })).min(1),
    timeSuggestionMin: z.number().int().min(5).max(120),
    tests: z.array(testCaseSchema),
  })
  .strict()
  .superRefine((question, ctx) => {
    const names = new Set<string>();
    question.tests.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'name'], message: 'must be unique' });
      names.add(c.name);
    });
    // A design question is talked through; every other one is judged by its cases.
    if (question.topics.includes('design')) return;
    if (!question.tests.some((c) => !c.hidden)) {
      ctx.addIssue({ code: 'custom', path: ['tests'], message: 'must have a visible case (the statement shows it)' });
    }
    if (!question.tests.some((c) => c.hidden)) {
      ctx.addIssue({ code: 'custom', path: ['tests'], message: 'must have a hidden case (the report runs it)' });
    }
  });
export type QuestionFile = z.infer<typeof questionSchema>;

/** One problem's issues as "path: message; …", so an error names the field to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
