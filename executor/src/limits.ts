/**
 * Hard bounds of the job contract. Configured maxima (config.ts) may be lower, never
 * higher; defaults apply when a job names no limit.
 */
export const MAX_FILES = 32;
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_TOTAL_FILE_BYTES = 1024 * 1024;
export const MAX_STDIN_BYTES = 1024 * 1024;
/** A test job's cases, and what of each is kept: expected output, and stdout/stderr per case. */
export const MAX_TEST_CASES = 50;
export const MAX_TEST_EXPECTED_BYTES = 256 * 1024;
export const MAX_TEST_OUTPUT_BYTES = 64 * 1024;
/**
 * A test job's cases' time limits together may not pass this (50 cases at the default
 * 5 s fit), so one job cannot hold a sandbox for an hour.
 */
export const MAX_TEST_RUN_MS = 300_000;
/**
 * On top of its cases' limits, what a test job's sandbox may take for the runner's work
 * between cases (feeding input, killing and reaping what a case left) before the host
 * kills it: the runner times each case; this deadline is only the backstop.
 */
export const TEST_JOB_SLACK_MS = 5_000;
export const MAX_PATH_CHARS = 128;
export const MAX_PATH_DEPTH = 4;

export const DEFAULT_LIMITS = { timeMs: 5_000, memoryMb: 256, outputKb: 1024 } as const;
export const CEILINGS = { timeMs: 60_000, memoryMb: 4096, outputKb: 64 * 1024 } as const;

/** How long a compile step may take, on top of the run's time limit. */
export const COMPILE_BUDGET_MS = 30_000;

/** Finished results are kept this long for GET /v1/jobs/:id. */
export const RESULT_TTL_MS = 15 * 60_000;
export const MAX_KEPT_RESULTS = 10_000;
/** …and at most this much of their text (request files, stdin, output) in memory. */
export const MAX_KEPT_RESULT_BYTES = 256 * 1024 * 1024;

/** Signed requests older or newer than this are refused. */
export const SIGNATURE_TOLERANCE_S = 300;

/** Output is sent to the callback in chunks of at most this many bytes. */
export const EVENT_CHUNK_BYTES = 16 * 1024;

/**
 * Callback deliveries (issue #10 hole 1). One attempt waits at most
 * CALLBACK_ATTEMPT_TIMEOUT_MS for an answer and one event at most
 * CALLBACK_DELIVERY_BUDGET_MS over all its retries; once an event is given up on, the
 * job's later events are dropped too (the room recovers them from GET /v1/jobs/:id).
 * So a receiver that never answers holds a job's slot for seconds, not minutes.
 */
export const CALLBACK_ATTEMPT_TIMEOUT_MS = 3_000;
export const CALLBACK_DELIVERY_BUDGET_MS = 8_000;

/**
 * Jobs one tenant may have queued or running at once (issue #10 hole 7), so one room
 * cannot occupy the whole executor. A job's tenant is its requestId up to ":" (the
 * worker sends "<roomId>:<runId>"); a room runs one at a time, so 2 leaves room for a
 * retry crossing a slow finish.
 */
export const MAX_JOBS_PER_TENANT = 2;
