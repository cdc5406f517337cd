/**
 * Whether a run may start, and the job it posts: one run at a time per room, at most
 * RUNS_PER_ROOM_PER_MINUTE a minute, from a file that exists in the room's doc.
 */
import type { JobRequest, JobTestCase } from '@codesync/executor/api';
import type { LanguageId } from '@codesync/executor/languages';
import { DEFAULT_LIMITS, MAX_TEST_CASES, MAX_TEST_RUN_MS } from '@codesync/executor/limits';
import type { Role } from '../auth/roles';
import { MAX_TEST_RUN_CASE_BYTES, RUN_OUTPUT_KB, RUNS_PER_ROOM_PER_MINUTE } from '../limits';
import { type Refusal, refuse } from '../refusals';
import type { FileContent } from '../room/doc';
import type { TestCase } from '../tests/schema';
import type { QueuedRun } from './run';
import type { RunLimits, RunLimitsChange } from './runLimits';

/** What the room knows when someone asks to run (read by the DO, passed in). */
export interface StartContext {
  roomId: string;
  roomActive: boolean;
  language: LanguageId;
  /** The files everyone sees: what runs. */
  files: FileContent[];
  /** The room's entry file (doc.ts): what runs when the request names no file. */
  entry: string | null;
  /** The libraries the room declares for this language (room/packages.ts); sent with the job. */
  packages?: readonly string[];
  /** Where the executor posts events back: `${base}/internal/runs/<runId>/events`. */
  callbackBase: string;
  /** Runs still queued or running. */
  openRuns: number;
  /** Runs created in the last 60 s. */
  startsInLastMinute: number;
  /** The room's run limits (runLimits.ts): a plain run's, unless it sets its own. */
  limits: RunLimits;
}

export interface StartRequest {
  runId: string;
  by: { name: string; role: Role };
  path?: string | undefined;
  stdin?: string | undefined;
  /** A test run: the room's cases (tests/cases.ts), visible first; none is refused. */
  tests?: readonly TestCase[] | undefined;
  /** A plain run's own limits, already validated; the room's for what it leaves out. */
  limits?: RunLimitsChange | undefined;
  /** Stdin typed by the room while it runs, over the run's stream (SPEC INT1). */
  interactive?: boolean | undefined;
}

/** The refusals a start can end in; each is a code of the one table in refusals.ts. */
export type StartRefusal = Refusal & {
  code:
    | 'room_ended'
    | 'run_in_progress'
    | 'rate_limited'
    | 'no_such_file'
    | 'no_tests'
    | 'tests_too_large'
    | 'bad_request';
};

const refuseStart = (code: StartRefusal['code'], message?: string): StartRefusal => ({
  ...refuse(code, message),
  code,
});

export function admit(
  context: StartContext,
  request: StartRequest,
  now: number,
): { ok: true; run: QueuedRun; job: JobRequest } | { ok: false; refusal: StartRefusal } {
  if (!context.roomActive) {
    return { ok: false, refusal: refuseStart('room_ended', 'The interview has ended; nothing can run now.') };
  }
  if (request.interactive && request.stdin !== undefined) {
    const message = 'stdin: an interactive run is typed into while it runs; leave `stdin` out';
    return { ok: false, refusal: refuseStart('bad_request', message) };
  }
  if (context.openRuns > 0) return { ok: false, refusal: refuseStart('run_in_progress') };
  if (context.startsInLastMinute >= RUNS_PER_ROOM_PER_MINUTE) {
    const message = `This room can run code ${RUNS_PER_ROOM_PER_MINUTE} times a minute; try again shortly.`;
    return { ok: false, refusal: refuseStart('rate_limited', message) };
  }
  if (request.tests) {
    const tooLarge = casesTooLarge(request.tests);
    if (request.tests.length === 0) return { ok: false, refusal: refuseStart('no_tests') };
    if (tooLarge) return { ok: false, refusal: refuseStart('tests_too_large', tooLarge) };
  }
  const path = request.path ?? context.entry;
  if (!path || !context.files.some((f) => f.path === path)) {
    return { ok: false, refusal: refuseStart('no_such_file', `There is no file named ${path} to run.`) };
  }
  const tests = request.tests;
  // A test run takes its input from its cases: never typed.
  const interactive = !tests && request.interactive === true;
  // A test run keeps its question's limits (each case's, else the executor's default).
  const limits = tests ? null : { ...context.limits, ...request.limits };
  const run: QueuedRun = {
    runId: request.runId,
    kind: tests ? 'tests' : 'run',
    ...(tests ? { tests: { cases: [...tests], outcomes: [] } } : {}),
    state: 'queued',
    startedBy: request.by,
    language: context.language,
    path,
    stdin: request.stdin ?? '',
    createdAt: now,
    ...(limits ? { limits } : {}),
    ...(interactive ? { interactive } : {}),
  };
  const job: JobRequest = {
    language: context.language,
    files: context.files,
    entry: path,
    // A test job takes each case's stdin from its case.
    // A test job takes each case's stdin from its case; an interactive one over its stream.
    ...(tests ? { tests: tests.map(jobCase) } : interactive ? { interactive } : { stdin: run.stdin }),
    limits: { outputKb: RUN_OUTPUT_KB, ...limits },
    ...(context.packages?.length ? { packages: [...context.packages] } : {}),
    // Analysis comes with a plain Run; a test run is about the cases.
    analyze: !tests,
    callbackUrl: `${context.callbackBase}/internal/runs/${run.runId}/events`,
    // Signed with every event: ties the event to this room and run.
    requestId: `${context.roomId}:${run.runId}`,
  };
  return { ok: true, run, job };
}

/** What the executor is sent of a case: never its name or whether it is hidden. */
const jobCase = (c: TestCase): JobTestCase => ({
  id: c.id,
  stdin: c.stdin,
  expected: c.expected,
  compare: c.compare,
  ...(c.timeLimitMs === null ? {} : { timeMs: c.timeLimitMs }),
});

/** Why these cases cannot run as one test run (the executor's count, the run's row), or null. */
function casesTooLarge(cases: readonly TestCase[]): string | null {
  if (cases.length > MAX_TEST_CASES) {
    return `This question has ${cases.length} test cases; a test run takes at most ${MAX_TEST_CASES}.`;
  }
  // The executor refuses a job whose cases' time limits together pass MAX_TEST_RUN_MS.
  const ms = cases.reduce((sum, c) => sum + (c.timeLimitMs ?? DEFAULT_LIMITS.timeMs), 0);
  if (ms > MAX_TEST_RUN_MS) {
    return `This question's test cases may take ${ms} ms together (their time limits); a test run takes at most ${MAX_TEST_RUN_MS}. Lower some cases' time limits or remove cases.`;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(cases)).byteLength;
  if (bytes > MAX_TEST_RUN_CASE_BYTES) {
    return `This question's test cases take ${bytes} bytes together; a test run takes at most ${MAX_TEST_RUN_CASE_BYTES}. Shorten the largest inputs or expected outputs.`;
  }
  return null;
}
