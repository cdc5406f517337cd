/**
 * The executor's contract: job, result and event schemas, and the HMAC signing both
 * directions use. WebCrypto only, so the worker imports this same module.
 *
 * @example
 * const headers = await signedHeaders(secret, 'to-executor', { method: 'POST', path: '/v1/jobs', body });
 * fetch(`${executor}/v1/jobs`, { method: 'POST', headers, body });
 */
import { z } from 'zod';
import { LANGUAGE_IDS } from './languages';
import {
  CEILINGS,
  FLOORS,
  MAX_FILE_BYTES,
  MAX_FILES,
  MAX_PACKAGES,
  MAX_STDIN_BYTES,
  MAX_TEST_CASES,
  MAX_TEST_EXPECTED_BYTES,
  SIGNATURE_TOLERANCE_S,
} from './limits';
import { packagesProblem } from './packages/specs';
import { pathProblem } from './paths';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/** A relative path of plain segments: no absolute paths, no `..`, no hidden tricks. */
export const filePath = z.string().superRefine((path, ctx) => {
  const problem = pathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const jobFile = z.object({
  path: filePath,
  content: z.string().refine((c) => utf8Bytes(c) <= MAX_FILE_BYTES, `must be at most ${MAX_FILE_BYTES} bytes`),
});

export const jobLimits = z
  .object({
    timeMs: z.number().int().min(FLOORS.timeMs).max(CEILINGS.timeMs).optional(),
    memoryMb: z.number().int().min(FLOORS.memoryMb).max(CEILINGS.memoryMb).optional(),
    outputKb: z.number().int().min(FLOORS.outputKb).max(CEILINGS.outputKb).optional(),
  })
  .strict();

/**
 * One test case of a test job (`tests`): the program runs once per case, on the case's
 * stdin, and the executor (never the sandbox) compares its stdout with `expected`.
 * `id` is the caller's, echoed in the case's event and result.
 */
export const jobTestCase = z
  .object({
    id: z.string().min(1).max(64),
    stdin: z.string().refine((s) => utf8Bytes(s) <= MAX_STDIN_BYTES, `must be at most ${MAX_STDIN_BYTES} bytes`),
    expected: z
      .string()
      .refine((s) => utf8Bytes(s) <= MAX_TEST_EXPECTED_BYTES, `must be at most ${MAX_TEST_EXPECTED_BYTES} bytes`),
    /** `exact`: byte for byte; `trimmed`: trailing whitespace per line, blank edge lines and CRLF ignored. */
    compare: z.enum(['exact', 'trimmed']),
    /** This case's wall-clock limit; the job's `limits.timeMs` otherwise. */
    timeMs: z.number().int().min(100).max(CEILINGS.timeMs).optional(),
  })
  .strict();
export type JobTestCase = z.infer<typeof jobTestCase>;

/** A case's outcome. `skipped`: never ran (the compile failed, or the job was cut short). */
export const TEST_VERDICTS = [
  'passed',
  'wrong_answer',
  'time_limit',
  'memory_limit',
  'output_limit',
  'runtime_error',
  'compile_error',
  'skipped',
  'internal_error',
] as const;
export type TestVerdict = (typeof TEST_VERDICTS)[number];

/** One case's result, in `finished.result.tests` and in its own `test` event. */
export const jobTestResult = z.object({
  id: z.string(),
  verdict: z.enum(TEST_VERDICTS),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timeMs: z.number().int().nullable(),
  memoryKb: z.number().int().nullable(),
  /** What the program wrote, cut at MAX_TEST_OUTPUT_BYTES each (`truncated` says so). */
  stdout: z.string(),
  stderr: z.string(),
  truncated: z.boolean(),
});
export type JobTestResult = z.infer<typeof jobTestResult>;

export const jobRequest = z
  .object({
    language: z.enum(LANGUAGE_IDS, { error: `must be one of ${LANGUAGE_IDS.join(', ')}` }),
    files: z.array(jobFile).min(1).max(MAX_FILES),
    entry: filePath.optional(),
    stdin: z
      .string()
      .refine((s) => utf8Bytes(s) <= MAX_STDIN_BYTES, `must be at most ${MAX_STDIN_BYTES} bytes`)
      .optional(),
    limits: jobLimits.optional(),
    analyze: z.boolean().optional(),
    callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    requestId: z.string().max(128).optional(),
    /**
     * A test job: compile once, then run the program once per case, in order, in the
     * same sandbox. Excludes `stdin`. The top-level result's stdout/stderr stay empty;
     * each case has its own in `tests`.
     */
    tests: z.array(jobTestCase).min(1).max(MAX_TEST_CASES).optional(),
    /** Libraries to install (cached) and mount read-only, `name@version` each (packages/specs.ts). */
    packages: z.array(z.string()).max(MAX_PACKAGES, `must list at most ${MAX_PACKAGES} packages`).optional(),
    /**
     * An interactive run (SPEC INT1): stdin comes over the run's stream (stream/frames.ts)
     * as people type, not up front; the wall clock is INTERACTIVE_TIME_MS.
     */
    interactive: z.boolean().optional(),
    /**
     * A shared terminal (SPEC TERM1): a shell with a pty in a sandbox of `language`, the
     * files in its working directory, driven over the job's stream (stream/frames.ts
     * `terminal.*`) until it is closed, idle or past its hard cap.
     */
    terminal: z.boolean().optional(),
  })
  .strict()
  .superRefine((job, ctx) => {
    const problem = packagesProblem(job.language, job.packages ?? []);
    if (problem) ctx.addIssue({ code: 'custom', path: ['packages'], message: problem });
  })
  .refine((job) => !(job.tests && job.stdin !== undefined), {
    path: ['stdin'],
    message: "a test job takes each case's stdin from `tests`; leave `stdin` out",
  })
  .superRefine((job, ctx) => {
    const problem = job.interactive || job.terminal ? interactiveProblem(job) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/** Why an interactive job cannot run as sent, or null. */
function interactiveProblem(job: {
  stdin?: string;
  tests?: unknown;
  callbackUrl?: string;
  interactive?: boolean;
  terminal?: boolean;
}) {
  if (job.interactive && job.terminal)
    return { field: 'terminal', message: 'a terminal job is not an interactive run; send one of the two' };
  if (job.stdin !== undefined)
    return { field: 'stdin', message: 'an interactive job takes its stdin over its stream; leave `stdin` out' };
  if (job.tests) return { field: 'tests', message: 'a test job cannot be interactive; leave `interactive` out' };
  if (!job.callbackUrl)
    return {
      field: 'callbackUrl',
      message: 'an interactive job needs a callbackUrl: its stream goes to the same room',
    };
  return null;
}
export type JobRequest = z.infer<typeof jobRequest>;

export const VERDICTS = [
  'ok',
  'compile_error',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'output_limit',
  'internal_error',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const diagnostic = z.object({
  path: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  source: z.string(),
});
export type Diagnostic = z.infer<typeof diagnostic>;

export const jobStatus = z.enum(['queued', 'running', 'finished']);

export const jobResult = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  status: jobStatus,
  verdict: z.enum(VERDICTS).nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  compileOutput: z.string(),
  /** The program's run alone: wall time and peak memory (never the compiler's). */
  timeMs: z.number().int().nullable(),
  memoryKb: z.number().int().nullable(),
  /** The compile step alone, with its own time and memory; null when it did not finish. */
  compileTimeMs: z.number().int().nullable(),
  compileMemoryKb: z.number().int().nullable(),
  truncated: z.boolean(),
  analysis: z.array(diagnostic).optional(),
  /** A test job's cases, in the order sent (absent for a plain run). */
  tests: z.array(jobTestResult).optional(),
  /**
   * Why the job never ran, as the code the API gives for the same refusal: `terminals_full`
   * for a terminal a cluster node took off the queue past its share (TERM14). Absent otherwise.
   */
  code: z.enum(['terminals_full']).optional(),
});
export type JobResult = z.infer<typeof jobResult>;

const eventBase = { jobId: z.string(), requestId: z.string().nullable(), seq: z.number().int().min(0) };

export const jobEvent = z.discriminatedUnion('type', [
  /**
   * The job waits for a sandbox: `position` 1 is next. Sent when it starts waiting and
   * each time it moves up, only by an executor that knows the line (the in-process
   * queue); in cluster mode no node does, and a job's first event is `started`.
   */
  z.object({ ...eventBase, type: z.literal('queued'), position: z.number().int().min(1) }),
  z.object({ ...eventBase, type: z.literal('started') }),
  z.object({
    ...eventBase,
    type: z.literal('output'),
    stream: z.enum(['stdout', 'stderr', 'compile']),
    data: z.string(),
  }),
  /** A test job's case, as soon as it is judged (before `finished`, in case order). */
  z.object({ ...eventBase, type: z.literal('test'), test: jobTestResult }),
  z.object({ ...eventBase, type: z.literal('finished'), result: jobResult }),
  z.object({ ...eventBase, type: z.literal('analysis'), diagnostics: z.array(diagnostic) }),
]);
export type JobEvent = z.infer<typeof jobEvent>;

// ---- signatures ------------------------------------------------------------------------
//
// Every request between the worker and the executor is signed (issue #10 hole 10):
//
//   x-codesync-signature: v2=<hex HMAC-SHA256(key, METHOD "\n" PATH "\n" TIMESTAMP "\n" BODY)>
//
// PATH is the request target (path and query). The key differs per direction, each
// derived from the one shared EXECUTOR_SECRET, so an event the executor signed can
// never pass as a job, nor the reverse; and a signature for one job's GET is no good
// for another job's.

export const TIMESTAMP_HEADER = 'x-codesync-timestamp';
export const SIGNATURE_HEADER = 'x-codesync-signature';

/** Who signs: the worker calling the executor, or the executor calling the worker back. */
export type SigningDirection = 'to-executor' | 'to-worker';

/** What is signed of a request. */
export interface SignedRequest {
  method: string;
  /** The request target: path and query, as sent (`/v1/jobs?wait=true`). */
  path: string;
  body: string;
}

const encoder = new TextEncoder();
const toHex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function hmac(key: BufferSource, message: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message));
}

/** The direction's key: HMAC(secret, "codesync/v2/<direction>"). */
const directionKey = (secret: string, direction: SigningDirection) =>
  hmac(encoder.encode(secret) as Uint8Array<ArrayBuffer>, `codesync/v2/${direction}`);

/** The text a signature covers. */
export const canonicalRequest = ({ method, path, body }: SignedRequest, timestamp: string) =>
  `${method.toUpperCase()}\n${path}\n${timestamp}\n${body}`;

async function sign(secret: string, direction: SigningDirection, request: SignedRequest, timestamp: string) {
  return `v2=${toHex(await hmac(await directionKey(secret, direction), canonicalRequest(request, timestamp)))}`;
}

/**
 * Signatures this process handed out lately (signature → unix seconds). The executor runs a
 * signed job request once (signing.ts ReplayGuard), so a sender must never send the same
 * signature twice: two identical requests in one second (a test, a benchmark, the same job
 * posted again) get the second signed a second earlier instead, still well inside the
 * tolerance. Kept for ISSUED_KEEP_S, at most ISSUED_MAX (the oldest go first).
 */
const issued = new Map<string, number>();
const ISSUED_KEEP_S = 60;
const ISSUED_MAX = 10_000;

/**
 * Headers that sign `request` at `now` (unix seconds). Without `now`, never the same
 * signature twice from this process (see `issued`): each signed request is a new one.
 */
export async function signedHeaders(
  secret: string,
  direction: SigningDirection,
  request: SignedRequest,
  now?: number,
): Promise<Record<string, string>> {
  let at = now ?? Math.floor(Date.now() / 1000);
  let signature = await sign(secret, direction, request, String(at));
  if (now === undefined) {
    for (const [old, when] of issued) {
      if (when >= at - ISSUED_KEEP_S && issued.size <= ISSUED_MAX) break;
      issued.delete(old);
    }
    for (let back = 0; issued.has(signature) && back < ISSUED_KEEP_S; back++) {
      at -= 1;
      signature = await sign(secret, direction, request, String(at));
    }
    issued.set(signature, at);
  }
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: String(at),
    [SIGNATURE_HEADER]: signature,
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a request's signature and that its timestamp is within the tolerance. */
export async function verifySignature(
  secret: string,
  direction: SigningDirection,
  request: SignedRequest,
  timestamp: string | null | undefined,
  signature: string | null | undefined,
  now = Math.floor(Date.now() / 1000),
): Promise<SignatureCheck> {
  if (!timestamp || !signature) return { ok: false, reason: `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `${TIMESTAMP_HEADER} must be unix seconds` };
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_TOLERANCE_S) {
    return {
      ok: false,
      reason: `${TIMESTAMP_HEADER} is more than ${SIGNATURE_TOLERANCE_S} s from now; check the clock`,
    };
  }
  if (!signature.startsWith('v2=')) return { ok: false, reason: `${SIGNATURE_HEADER} must be v2=<hex>` };
  const expected = await sign(secret, direction, request, timestamp);
  return constantTimeEqual(expected, signature) ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
