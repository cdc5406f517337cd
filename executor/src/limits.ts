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
/**
 * The least a job may ask for: below 100 ms nothing starts, below 32 MB no runtime loads.
 * A user-set limit (SPEC "Run limits") lies between these and the configured maxima.
 */
export const FLOORS = { timeMs: 100, memoryMb: 32, outputKb: 1 } as const;
/**
 * The maxima an executor honours when its configuration names none (EXECUTOR_MAX_*).
 * The worker checks a user's limits against these before it posts a job.
 */
export const DEFAULT_MAXIMA = { timeMs: 10_000, memoryMb: 1024, outputKb: 4096 } as const;

/** How long a compile step may take, on top of the run's time limit. */
export const COMPILE_BUDGET_MS = 30_000;

/** Finished results are kept this long for GET /v1/jobs/:id. */
export const RESULT_TTL_MS = 15 * 60_000;
export const MAX_KEPT_RESULTS = 10_000;
/** …and at most this much of their text (request files, stdin, output) in memory. */
export const MAX_KEPT_RESULT_BYTES = 256 * 1024 * 1024;

/** Signed requests older or newer than this are refused. */
export const SIGNATURE_TOLERANCE_S = 300;
/**
 * At most this many job requests' signatures are remembered to refuse replays (signing.ts
 * ReplayGuard), each for SIGNATURE_TOLERANCE_S: ~15 MB at most, 333 jobs a second sustained.
 */
export const MAX_SEEN_SIGNATURES = 100_000;

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

/**
 * How long a draining executor (drain.ts) waits for its running jobs before it exits
 * anyway: the longest job (a test job's cases, its compile, the runner's slack) plus
 * delivering its last event, and a minute to spare. The systemd unit's TimeoutStopSec
 * and the Auto Scaling termination hook (deploy/) are set longer than this.
 */
export const DRAIN_DEADLINE_MS =
  MAX_TEST_RUN_MS + COMPILE_BUDGET_MS + TEST_JOB_SLACK_MS + CALLBACK_DELIVERY_BUDGET_MS + 60_000;

/**
 * Libraries a job asks for (packages/specs.ts): how many, how long a spec may be, and
 * what one installed set may weigh and take to install. Configured values
 * (EXECUTOR_PACKAGES_MAX_KB, EXECUTOR_PACKAGES_INSTALL_MS) may be lower, never higher.
 * A set is installed once and then cached, so these bound the first job only.
 */
export const MAX_PACKAGES = 8;
export const MAX_PACKAGE_SPEC_CHARS = 100;
export const MAX_PACKAGES_KB = 64 * 1024;
export const MAX_PACKAGE_INSTALL_MS = 120_000;

/**
 * The whole package cache of one executor host, every set together. Past it, the sets
 * no running job is using are removed, least recently used first (packages/cache.ts):
 * without a bound, a room link asking for a new set on every run fills the host's disk.
 * EXECUTOR_PACKAGES_CACHE_MB may be lower, never higher, and never below one set's cap.
 */
export const MAX_PACKAGES_CACHE_MB = 100 * 1024;
export const DEFAULT_PACKAGES_CACHE_MB = 2 * 1024;

/**
 * Interactive runs (SPEC "Interactive runs"): the program waits on people typing, so its
 * wall clock is this instead of the job's `limits.timeMs`; it is still a hard kill.
 */
export const INTERACTIVE_TIME_MS = 120_000;
/** How long the executor waits for the room to accept a run's stream before it gives up on the run. */
export const STREAM_CONNECT_TIMEOUT_MS = 5_000;
/** One frame on a run's stream, either way: an output event is at most EVENT_CHUNK_BYTES plus its envelope. */
export const MAX_STREAM_FRAME_BYTES = 64 * 1024;
/** What one stdin frame may carry (the room cuts typed input at its own, smaller cap). */
export const MAX_STREAM_STDIN_BYTES = 16 * 1024;
/** What an interactive run's stdin may add up to, like a plain run's `stdin`. */
export const MAX_INTERACTIVE_STDIN_BYTES = MAX_STDIN_BYTES;

// ---- The shared terminal (SPEC § 45, TERM) -------------------------------------------
/** A terminal with no input for this long is closed (EXECUTOR_TERMINAL_IDLE_MS overrides it, for tests). */
export const TERMINAL_IDLE_MS = 10 * 60_000;
/** A terminal lives at most this long, input or not (EXECUTOR_TERMINAL_HARD_MS overrides it). */
export const TERMINAL_HARD_MS = 60 * 60_000;
/** Output a terminal passes on per second; past it, output is dropped with a notice (never a stall). */
export const TERMINAL_OUTPUT_BYTES_PER_SECOND = 64 * 1024;
/** Output a terminal passes on in all; past it, everything more is dropped with a notice. */
export const TERMINAL_OUTPUT_TOTAL_BYTES = 32 * 1024 * 1024;
/** Output is sent to the room in frames of at most this many bytes, at most this often. */
export const TERMINAL_OUTPUT_CHUNK_BYTES = 16 * 1024;
export const TERMINAL_OUTPUT_FLUSH_MS = 5;
/** One keystroke frame (a paste, at most). */
export const MAX_TERMINAL_INPUT_BYTES = 4 * 1024;
/**
 * A file brought back from the terminal is read within this long (SPEC TERM15): a read
 * still going then (a file swapped for a FIFO after its type was checked, say) is killed
 * inside the sandbox and answered with a problem; the host stops waiting a little later.
 */
export const TERMINAL_READ_TIMEOUT_MS = 5_000;
export const TERMINAL_READ_HOST_SLACK_MS = 2_000;
/** How long a closing terminal waits for its closing notice to be written to the room (never for ever). */
export const TERMINAL_CLOSE_NOTICE_MS = 2_000;
/** A terminal's size, in character cells. */
export const TERMINAL_MAX_COLS = 500;
export const TERMINAL_MAX_ROWS = 200;
