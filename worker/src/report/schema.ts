/**
 * The report of an interview (`GET /api/rooms/:roomId/report`, interviewer and
 * observers only): the one definition of its shape. The worker builds it (build.ts),
 * the web app parses what it receives with it and renders it as a page and as Markdown.
 *
 * Everything here is kept from the candidate: hidden test cases with their input and
 * expected output, the panel's notes, scorecard and integrity signals.
 *
 * @example
 * const report = reportSchema.parse(await res.json());
 * report.question?.tests.filter((c) => c.hidden); // hidden cases, input and expected output
 */
import { jobTestResult, VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { COMPARISONS, DIFFICULTIES } from '../questions/schema';
import { RUN_ERRORS, RUN_STATES, runOutput } from '../runs/run';

export const reportRoom = z.object({
  roomId: z.string(),
  title: z.string(),
  language: z.string(),
  status: z.enum(['active', 'ended']),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  /** From creation to the end, or to `generatedAt` while the room is active. */
  durationMs: z.number(),
});

/** Every case, visible or hidden, with its input and expected output. */
export const reportTestCase = z.object({
  name: z.string(),
  hidden: z.boolean(),
  stdin: z.string(),
  expected: z.string(),
  compare: z.enum(COMPARISONS),
  timeLimitMs: z.number().nullable(),
});
export type ReportTestCase = z.infer<typeof reportTestCase>;

export const reportQuestion = z.object({
  slug: z.string(),
  title: z.string(),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  /** Markdown, as the room showed it. */
  statement: z.string(),
  tests: z.array(reportTestCase),
});
export type ReportQuestion = z.infer<typeof reportQuestion>;

/** A test run's case as the executor judged it (its output cut like a run's), with its name and whether it is hidden. */
export const reportCaseResult = jobTestResult.extend({ name: z.string(), hidden: z.boolean() });
export type ReportCaseResult = z.infer<typeof reportCaseResult>;

export const reportRun = z.object({
  runId: z.string(),
  /** `tests`: one job that ran the question's cases (`tests` holds each case's result). */
  kind: z.enum(['run', 'tests']),
  startedBy: z.object({ name: z.string(), role: z.enum(ROLES) }),
  language: z.string(),
  path: z.string(),
  stdin: z.string(),
  state: z.enum(RUN_STATES),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Set once finished. */
  verdict: z.enum(VERDICTS).nullable(),
  exitCode: z.number().nullable(),
  timeMs: z.number().nullable(),
  memoryKb: z.number().nullable(),
  /** Set once failed (nothing ran, or the runner went away). */
  error: z.enum(RUN_ERRORS).nullable(),
  message: z.string().nullable(),
  output: z.array(runOutput),
  /** The run's output was cut, by the executor's cap or the report's. */
  truncated: z.boolean(),
  tests: z.array(reportCaseResult).nullable(),
});
export type ReportRun = z.infer<typeof reportRun>;

export const reportJoin = z.object({
  connId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  joinedAt: z.number(),
  leftAt: z.number().nullable(),
  /** The socket is open as the report is made (a null `leftAt` without it: the room restarted). */
  online: z.boolean(),
});
export type ReportJoin = z.infer<typeof reportJoin>;

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;

export const scorecard = z.object({
  ratings: z.array(z.object({ criterion: z.string(), rating: z.number().int().min(1).max(4).nullable() })),
  recommendation: z.enum(RECOMMENDATIONS).nullable(),
  summary: z.string(),
});
export type Scorecard = z.infer<typeof scorecard>;

/** An integrity signal (a large paste, the candidate's tab losing focus), with its time. */
export const integritySignal = z.object({
  kind: z.string(),
  at: z.number(),
  by: z.string(),
  /** In words: "pasted 1 204 characters into main.py", "away for 42 s". */
  detail: z.string(),
});
export type IntegritySignal = z.infer<typeof integritySignal>;

/** What the panel wrote (report/panel.ts reads it). */
export const panelRecord = z.object({
  notes: z.string(),
  scorecard: scorecard.nullable(),
  signals: z.array(integritySignal),
});
export type PanelRecord = z.infer<typeof panelRecord>;

export const reportSchema = z.object({
  generatedAt: z.number(),
  room: reportRoom,
  /** Null for a room made without a question. */
  question: reportQuestion.nullable(),
  /** The final code, every file. */
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  entry: z.string().nullable(),
  /** The newest REPORT_MAX_RUNS runs, oldest first, of `total`. */
  runs: z.object({ total: z.number(), shown: z.array(reportRun) }),
  /** Who joined and left, in order of joining; `omitted` joins past the log's cap. */
  joins: z.object({ entries: z.array(reportJoin), omitted: z.number() }),
  panel: panelRecord,
});
export type Report = z.infer<typeof reportSchema>;
