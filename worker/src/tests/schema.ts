/**
 * A test run's cases and their outcomes, in two forms each: the whole thing (what the
 * room stores and the interviewer and observers see) and the hidden form (what a
 * candidate is sent for a hidden case: its place, that it is hidden, its verdict and
 * time). The hidden forms are `.strict()` and say `redacted: true`, so a browser can
 * tell them apart and a field added to the whole form later never rides along.
 *
 * @example
 * if ('redacted' in outcome) return `${outcome.verdict} (hidden)`;
 * return diffLines(testCase.expected, outcome.stdout);
 */
import { TEST_VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { COMPARISONS } from '../questions/schema';

/** One case as the room sends it to the executor and keeps it with the run. */
export const testCase = z.object({
  /** Stable for the question: the same case has the same id in every run. */
  id: z.string().min(1).max(64),
  name: z.string(),
  hidden: z.boolean(),
  stdin: z.string(),
  expected: z.string(),
  compare: z.enum(COMPARISONS),
  /** The case's own wall-clock limit; null: the job's. */
  timeLimitMs: z.number().int().nullable(),
});
export type TestCase = z.infer<typeof testCase>;

/** A hidden case as a candidate is sent it: nothing but that it exists, in its place. */
export const redactedCase = z.object({ id: z.string(), hidden: z.literal(true), redacted: z.literal(true) }).strict();
export type RedactedCase = z.infer<typeof redactedCase>;

export const caseView = z.union([testCase, redactedCase]);
export type CaseView = z.infer<typeof caseView>;

/** How one case went, as the executor judged it (its output cut at TEST_STORED_OUTPUT_BYTES). */
export const caseOutcome = z.object({
  id: z.string(),
  /** Copied from the case, so an outcome can be shown (or withheld) on its own. */
  hidden: z.boolean(),
  verdict: z.enum(TEST_VERDICTS),
  timeMs: z.number().nullable(),
  memoryKb: z.number().nullable(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  truncated: z.boolean(),
});
export type CaseOutcome = z.infer<typeof caseOutcome>;

/** A hidden case's outcome as a candidate is sent it. */
export const redactedOutcome = z
  .object({
    id: z.string(),
    hidden: z.literal(true),
    verdict: z.enum(TEST_VERDICTS),
    timeMs: z.number().nullable(),
    redacted: z.literal(true),
  })
  .strict();
export type RedactedOutcome = z.infer<typeof redactedOutcome>;

export const outcomeView = z.union([caseOutcome, redactedOutcome]);
export type OutcomeView = z.infer<typeof outcomeView>;

/** A test run's cases (visible first, then hidden) and the outcomes so far, in case order. */
export const runTests = z.object({ cases: z.array(caseView), outcomes: z.array(outcomeView) });
export type RunTests = z.infer<typeof runTests>;

/** `passed/total` as everyone sees it. */
export function tally(tests: RunTests): { passed: number; judged: number; total: number } {
  return {
    passed: tests.outcomes.filter((o) => o.verdict === 'passed').length,
    judged: tests.outcomes.length,
    total: tests.cases.length,
  };
}
