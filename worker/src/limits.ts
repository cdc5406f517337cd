/**
 * Every limit the worker and the room enforce, in one place; accounts' own (sign-in,
 * teams, the dashboard) are in accounts/limits.ts. Each has a test that goes just past
 * it (worker/test/limits.test.ts and the tests named beside it).
 */

import { DEFAULT_LIMITS, DEFAULT_MAXIMA, FLOORS } from '@codesync/executor/limits';

/** Largest WebSocket frame a client may send; a larger one closes that connection. */
export const MAX_FRAME_BYTES = 512 * 1024;

/**
 * Text frames one connection's early frames may hold while an earlier one is on its way
 * (room/inOrder.ts): keystrokes are tens of bytes, so 64 frames and 128 KiB cover any
 * reordering seen; past either the held frames are handed on in order at once. Per room
 * at most MAX_CONNECTIONS_PER_ROOM × MAX_HELD_BYTES = 8 MiB.
 */
export const MAX_HELD_FRAMES = 64;
export const MAX_HELD_BYTES = 128 * 1024;

/**
 * A file's content and all files' content together: the executor's own maxima, so the
 * room never keeps a file that Run then refuses (one set of limits, one module).
 * A change that would grow the resulting document past either is refused (docSize.ts).
 */
export { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_FILE_BYTES } from '@codesync/executor/limits';

/**
 * Largest encoded Y.Doc (content plus the structure Yjs keeps): a change that would grow
 * the resulting document past it is refused; one that shrinks it never is. Above the
 * files' 1 MB, so the content limit is the one people meet first; below the Durable
 * Object's 2 MB row, so a compacted snapshot always fits one row.
 */
export const MAX_DOC_BYTES = 1536 * 1024;

/**
 * What one role (every socket of the candidate, say) may write into the document, in
 * bytes of accepted updates: a burst of EDIT_BYTES_BURST (sixteen whole frames: many
 * large pastes in a row, or the offline work a reconnect sends at once), refilled at
 * EDIT_BYTES_PER_SECOND (typing is a few hundred bytes a second). Every accepted byte is
 * kept as history for playback, so without it one link could paste and delete 250 KB a
 * few times a second and fill storage (3 MB/s seen). Past it the update is refused
 * (`edits_too_fast`), nothing of it applied. Per role, so more tabs or a reconnect add
 * nothing; in memory, like the message rate. ROOM_HISTORY_MAX_BYTES is the backstop.
 */
export const EDIT_BYTES_BURST = 16 * MAX_FRAME_BYTES;
export const EDIT_BYTES_PER_SECOND = 64 * 1024;

/**
 * The history a room keeps, all of it (rows and R2 segments): far above an interview's
 * (an hour of two people typing is ~1 MB, a large paste adds its size), so only abuse
 * meets it. Past it the room takes no more edits (`history_full`); its files can still
 * be read, run, downloaded and forked into a new room.
 */
export const ROOM_HISTORY_MAX_BYTES = 64 * 1024 * 1024;

/** Open WebSockets one room accepts; the next upgrade gets 429 before it is accepted. */
export const MAX_CONNECTIONS_PER_ROOM = 64;

/**
 * Of MAX_CONNECTIONS_PER_ROOM, seats only the interviewer and the candidate may take
 * (a few tabs each), so observer sockets can never lock them out of their own interview.
 */
export const RESERVED_SEATS = 8;

/** Rooms one client (by IP) may create in a sliding minute; past it 429 + Retry-After. */
export const ROOMS_PER_CLIENT_PER_MINUTE = 20;
export const ROOM_RATE_WINDOW_SECONDS = 60;

/**
 * How long a WebSocket ticket (POST /api/rooms/:roomId/tickets) stays good: enough to
 * open a socket right after buying it, too short to be worth stealing from a log.
 */
export const TICKET_TTL_MS = 30_000;

/**
 * Days an ended room is kept (document, history, runs) before it deletes itself: long
 * enough for the panel to review the interview, short enough that candidates' code is
 * not kept for ever (issue #10 hole 7). A deployment sets its own with the
 * RETENTION_DAYS var (room/retention.ts); this is the default.
 */
export const RETENTION_DAYS = 30;

/** Room title and display name lengths, in characters. */
export const MAX_TITLE_CHARS = 120;
export const MAX_NAME_CHARS = 40;

/**
 * A socket the room has heard nothing from (no message, no "ping") for this long is
 * closed: its network is gone, and it must leave everyone's "Here now". The web app
 * pings every 2 s, or 10 s while its tab is hidden (web/src/room/health.ts); stock Yjs
 * clients renew their presence every 15 s.
 */
export const PRESENCE_TIMEOUT_MS = 30_000;
/**
 * How stale a socket's saved "last heard" may get (connections.ts heardAt): a room that
 * hibernated counts a socket's silence from it, so at worst this much too early; stock
 * Yjs clients speak every 15 s, well inside PRESENCE_TIMEOUT_MS minus this.
 */
export const PRESENCE_HEARD_SAVE_MS = 5_000;

/** Largest HTTP request body the API reads. */
export const MAX_HTTP_BODY_BYTES = 16 * 1024;

/**
 * Updates that may wait in a room for an update they depend on (a socket delivers in
 * order, but a reconnecting client's resend can cross its live edits). Counted for
 * the whole room; a retry tries only those whose start the room has reached (a
 * lookup each), so a burst of reordered keystrokes fits without costing a decode each. Past either bound the sender's waiting updates are refused and
 * it is told to resync.
 */
export const MAX_HELD_UPDATES = 1024;
export const MAX_HELD_UPDATE_BYTES = 1024 * 1024;
/**
 * How long a client's held updates outlive its own close: frames it sent before closing
 * can still be delivered after the close, out of order (workerd under load), and fill
 * the gaps (SYNC11). After this they can no longer arrive, so they stop counting against
 * the room's bound.
 */
export const HELD_AFTER_LEAVE_MS = 30_000;

/**
 * Compaction bounds for a room's update log: past either, the log is folded into one
 * snapshot row. 256 rows keeps a cold start (replay) to a few milliseconds.
 */
export const LOG_COMPACT_ROWS = 256;
/**
 * A room compacts past a row count it draws anew each time, between LOG_COMPACT_ROWS less
 * this and LOG_COMPACT_ROWS: rooms that started together (a class, a load test) then do
 * not all compact, snapshot and archive in the same moment on a machine they share.
 */
export const LOG_COMPACT_ROWS_SPREAD = 64;
export const LOG_COMPACT_BYTES = 512 * 1024;

/**
 * Presence (awareness) bounds, issue #10 hole 2: without them one frame could carry
 * 85 000 fresh client ids and ten frames fill the room's heap. A real client (one
 * Y.Doc) speaks for one client id, and the room keeps only that one per connection;
 * entries for other ids are ignored, not punished, because a stock y-websocket
 * provider echoes every presence change it hears (one entry per peer, so at most
 * about MAX_CONNECTIONS_PER_ROOM in a frame). A frame with more entries than any
 * client sends, or an own state past its size, closes the socket
 * (CLOSE_CODES.presenceRefused) with the limit named in the reason.
 */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 1;
export const MAX_AWARENESS_ENTRIES_PER_FRAME = 2 * MAX_CONNECTIONS_PER_ROOM;
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;

/** Largest awareness state kept in a connection's hibernation attachment (bytes of JSON). */
export const MAX_ATTACHED_AWARENESS_BYTES = 1024;

/** Runs a room may start in a sliding minute; past it the run is refused (429). */
export const RUNS_PER_ROOM_PER_MINUTE = 20;
/** Runs (with their output) a room replays to whoever joins; it keeps all of them. */
export const RUN_HISTORY = 20;
/** Output cap asked of the executor for a room's run: keeps a run's record small. */
export const RUN_OUTPUT_KB = 256;
/**
 * A run's output as stored, in bytes of its JSON encoding. RUN_OUTPUT_KB of plain text
 * fits; output full of control characters (six bytes each once escaped) is cut here and
 * marked truncated, so a run's SQLite row stays well under the DO's 2 MB row limit.
 */
export const RUN_STORED_OUTPUT_BYTES = 384 * 1024;
/** A run's diagnostics as stored, in bytes of JSON; past it the rest are dropped. */
export const RUN_MAX_DIAGNOSTIC_BYTES = 64 * 1024;
/**
 * Executor events held until their turn (they arrived early), in bytes of JSON per run;
 * past it an early event is dropped and the run's check recovers from the result.
 */
export const RUN_HELD_EVENT_BYTES = 256 * 1024;
/** A run's whole SQLite row, checked before every write (the DO's limit is 2 MB). */
export const RUN_ROW_MAX_BYTES = 1536 * 1024;
/** stdin a run may carry. */
/**
 * A test case's stdout and stderr as stored with its run, each, in bytes of JSON: up to
 * the executor's 50 cases a run, their outputs must fit in the row with the cases' own
 * input and expected output (a bank case is at most 32 KiB of each).
 */
export const TEST_STORED_OUTPUT_BYTES = 8 * 1024;
/**
 * A test run's cases together (input, expected output and names, as JSON), kept with the
 * run: with 50 cases' outputs at TEST_STORED_OUTPUT_BYTES each (800 KiB) they fit in
 * RUN_ROW_MAX_BYTES. The bank's largest question is about 30 KiB.
 */
export const MAX_TEST_RUN_CASE_BYTES = 512 * 1024;
export const MAX_RUN_STDIN_BYTES = 64 * 1024;
/**
 * While a run is unfinished the room checks on it this often (a one-shot alarm, only
 * then), so a dead executor fails the run within seconds.
 */
export const RUN_CHECK_INTERVAL_MS = 3_000;
/** A run with no `finished` after this long fails, whatever the executor says. */
export const RUN_DEADLINE_MS = 90_000;

/**
 * Messages one connection may send: a burst of MESSAGE_BURST, refilled at
 * MESSAGES_PER_SECOND. Fast typing with cursor moves is ~30/s; past the bucket the
 * connection is closed (4429) rather than let one client monopolise the room.
 */
export const MESSAGES_PER_SECOND = 100;
export const MESSAGE_BURST = 400;

/**
 * How long the room gathers what arrives after a broadcast before sending the next
 * (room/tick.ts): the first update or presence change of a quiet room goes out at once,
 * what follows within a tick leaves merged, one frame per peer. 0 means "what arrived
 * while the room was busy": the tick ends once the events already queued are handled.
 * Measured (docs/PERFORMANCE.md, 2026-12-02): 16 ms made every edit of a steady stream
 * wait (2 clients p50 10 ms against 2 ms), while 0 merges as much under load (50 clients
 * at 100 edits/s: p99 at the reference server's, 3.7x its throughput).
 */
export const BROADCAST_TICK_MS = 0;

/**
 * Bounded send queues (backlog.ts): a socket gets a probe (a sync step 1) after every
 * PROBE_EVERY_BYTES sent, and is held (no more broadcasts, then one diff) once more than
 * MAX_BACKLOG_BYTES are unanswered — above the largest document (MAX_DOC_BYTES), so a
 * joining client that reads at a normal pace is never held by its first sync.
 */
export const PROBE_EVERY_BYTES = 64 * 1024;
export const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;

/**
 * Largest state vector a held socket's attachment keeps across hibernation (SYNC14): with
 * presence (MAX_ATTACHED_AWARENESS_BYTES) and who it is, the attachment stays inside the
 * runtime's 2 KiB. About 25 writers; past it the woken room releases the socket with the
 * whole document instead of a diff (never more than MAX_DOC_BYTES).
 */
export const MAX_ATTACHED_STATE_VECTOR_BYTES = 256;

/**
 * Rows a room's join log keeps (room/joinLog.ts): the first JOIN_LOG_MAX_ROWS socket
 * joins, with their leaves; later joins are only counted. A real interview has a few
 * dozen (reconnects included); the cap stops a reconnect loop from growing storage.
 */
export const JOIN_LOG_MAX_ROWS = 1000;

/**
 * The report (report/build.ts) carries the newest REPORT_MAX_RUNS runs, each run's (and
 * each test case's) output cut at REPORT_RUN_OUTPUT_BYTES: a room keeps every run with up
 * to RUN_STORED_OUTPUT_BYTES each, far more than a page a person reads or prints.
 */
export const REPORT_MAX_RUNS = 100;
export const REPORT_RUN_OUTPUT_BYTES = 16 * 1024;
// ---- The interview clock (room/clock.ts, SPEC § 25) ----------------------------------

/**
 * A duration given when the room is made (POST /api/rooms `durationMinutes`): at least a
 * short screen, at most an afternoon's onsite. The interviewer can set, extend or clear
 * the clock later, within the same ceiling.
 */
export const CLOCK_MIN_MINUTES = 5;
export const CLOCK_MAX_MINUTES = 240;
/**
 * The shortest clock the interviewer can set by hand, in seconds: longer than the
 * notice, so the 10-second countdown always comes before the end.
 */
export const CLOCK_MIN_SET_SECONDS = 15;
/** What "extend" adds, in minutes: the three buttons the interviewer sees. */
export const CLOCK_EXTEND_MINUTES = [5, 10, 15] as const;
/** Time left from which everyone sees a warning. */
export const CLOCK_WARNING_MS = 5 * 60_000;
/** The notice before the room ends by itself: everyone sees a countdown this long. */
export const CLOCK_NOTICE_MS = 10_000;
// ---- The panel: private notes, scorecard, integrity signals (worker/src/panel/) ----

/**
 * The panel's notes doc (panel/panelDoc.ts): notes and the scorecard's summary in
 * characters, criteria and their names. Far above what a person writes in an hour, low
 * enough that the whole doc stays a small SQLite row and a quick load.
 */
export const MAX_NOTES_CHARS = 50_000;
export const MAX_SUMMARY_CHARS = 4_000;
export const MAX_CRITERIA = 12;
export const MAX_CRITERION_NAME_CHARS = 60;
/** Ratings kept, live keys: a removed criterion's rating may linger until someone clears it. */
export const MAX_RATINGS = 2 * MAX_CRITERIA;
/** Largest encoded panel doc (content plus deletions' structure): a change past it is refused. */
export const MAX_PANEL_DOC_BYTES = 256 * 1024;
/** Largest frame a panel socket may send: a paste of a page of notes fits, a flood does not. */
export const MAX_PANEL_FRAME_BYTES = 128 * 1024;

/**
 * A paste into the candidate's editor is reported (as its size, never its text) from
 * this many characters: a line of code is typed, a function pasted.
 */
export const PASTE_SIGNAL_MIN_CHARS = 200;
/** Characters a reported paste may claim: the editor's own file limit. */
export const PASTE_SIGNAL_MAX_CHARS = 1024 * 1024;
/** Signals one room takes: a burst of SIGNAL_BURST, refilled at SIGNALS_PER_MINUTE (429 past it). */
export const SIGNALS_PER_MINUTE = 30;
export const SIGNAL_BURST = 20;
/** Signals one room keeps; past it new ones are refused (the report lists them all). */
export const MAX_SIGNALS_PER_ROOM = 1_000;

/**
 * The room's question (room/question/): what the interviewer can write and swap in.
 * A case is sent to the executor as it is, so its stdin and expected output are the
 * executor's own maxima (one set of limits); the whole question, as stored (one SQLite
 * row) and as sent to every socket on each change, stays under MAX_QUESTION_BYTES of
 * JSON, far below the DO's 2 MB row. An HTTP body may carry that much (and a little
 * more, so the field over its limit is the one named, not the body).
 */
export { MAX_TEST_CASES as MAX_QUESTION_CASES } from '@codesync/executor/limits';
export const MAX_QUESTION_TITLE_CHARS = 120;
export const MAX_QUESTION_STATEMENT_BYTES = 64 * 1024;
export const MAX_CASE_NAME_CHARS = 80;
export const MAX_QUESTION_BYTES = 1024 * 1024;
export const MAX_QUESTION_BODY_BYTES = MAX_QUESTION_BYTES + 512 * 1024;

// ---- Playback: the history API (worker/src/playback/, SPEC § 28) ------------------------

/**
 * Rows the room's timeline keeps (playback/timeline.ts: file created, renamed, deleted and
 * language switches): the first TIMELINE_MAX_ROWS, later ones only counted. An interview
 * makes a few dozen; the cap stops a client that creates and deletes files in a loop
 * from growing storage.
 */
export const TIMELINE_MAX_ROWS = 2000;
/**
 * Updates between two checkpoints of the document kept in R2 for `files?at=`
 * (playback/checkpoints.ts): a checkpoint is written with every archive of history, and
 * a room archives once this many covered rows wait (HISTORY_ARCHIVE_ROWS), so rebuilding
 * the files at any moment applies at most about this many updates plus one compaction's
 * (LOG_COMPACT_ROWS), wherever the moment falls. A checkpoint is the compacted document (≤ MAX_DOC_BYTES,
 * a few KB in an interview): ~35 of them for a two-hour, 36 000-update interview.
 */
export const HISTORY_CHECKPOINT_UPDATES = 1024;
/**
 * A room moves the history rows its compactions covered to R2 (storage/history.ts) once
 * the covered rows still in SQLite reach HISTORY_ARCHIVE_ROWS or HISTORY_ARCHIVE_BYTES
 * (HIST5), not after every compaction: each archive is R2 writes (billed per call) and,
 * locally, work for the simulated R2 on the one thread that serves every room (bench:load
 * 20×10×5: p99 13 ms with no archives against 22–60 ms with one per compaction). Each
 * archive writes a checkpoint, so checkpoints stay HISTORY_CHECKPOINT_UPDATES apart.
 */
export const HISTORY_ARCHIVE_ROWS = HISTORY_CHECKPOINT_UPDATES;
export const HISTORY_ARCHIVE_BYTES = 1024 * 1024;
/**
 * Bytes of stored history one page of playback may hold (playback/pageIndex.ts): a page
 * is also at most PLAYBACK_PAGE_UPDATES updates, but a candidate pasting and deleting
 * 200 KB a message could otherwise make one page of hundreds of MB, more than a Durable
 * Object's memory. A keystroke is ~30 bytes, so typing never meets this bound first.
 */
export const PLAYBACK_PAGE_BYTES = 4 * 1024 * 1024;

// ---- Run limits a room or a run sets (worker/src/runs/runLimits.ts, SPEC "Run limits") ---

/**
 * The time and memory a plain run gets unless its room or the run says otherwise, and the
 * bounds a user's choice must keep: the executor's floors and the maxima it honours by
 * default (EXECUTOR_MAX_TIME_MS, EXECUTOR_MAX_MEMORY_MB; its GET /v1/limits says which it
 * was given). Past a maximum is refused with the maximum in the words, never capped.
 */
export const RUN_LIMIT_DEFAULTS = { timeMs: DEFAULT_LIMITS.timeMs, memoryMb: DEFAULT_LIMITS.memoryMb } as const;
export const RUN_LIMIT_MAXIMA = { timeMs: DEFAULT_MAXIMA.timeMs, memoryMb: DEFAULT_MAXIMA.memoryMb } as const;
export const RUN_LIMIT_FLOORS = { timeMs: FLOORS.timeMs, memoryMb: FLOORS.memoryMb } as const;

// ---- Comment threads anchored to code (room/threads.ts, panel/privateThreads.ts) ----

/**
 * A thread's comment or reply, in characters: a paragraph with a code snippet fits. Threads
 * and replies are counted too, so comments can take at most
 * MAX_THREADS_PER_ROOM × MAX_REPLIES_PER_THREAD × MAX_COMMENT_CHARS characters of a room
 * (shared) or a panel (private); the encoded document's own bound (MAX_DOC_BYTES,
 * MAX_PANEL_DOC_BYTES) still holds over all of it.
 */
export const MAX_COMMENT_CHARS = 2_000;
/** Replies in one thread, its opening comment included: a long discussion, not a chat log. */
export const MAX_REPLIES_PER_THREAD = 50;
/** Threads a room (or its panel) keeps, resolved ones included. */
export const MAX_THREADS_PER_ROOM = 100;
/** An anchor is one encoded Yjs relative position (about 10 bytes), base64: room to spare, no more. */
export const MAX_ANCHOR_CHARS = 64;
// ---- Restore points (restore/, SPEC "Restore points") -----------------------------------

/**
 * An automatic restore point every RESTORE_POINT_EVERY_MS of activity (restore/activity.ts):
 * the time between two updates counts up to RESTORE_IDLE_GAP_MS, so a lunch break adds a
 * minute, not an hour, and an idle room makes no points.
 */
export const RESTORE_POINT_EVERY_MS = 5 * 60_000;
export const RESTORE_IDLE_GAP_MS = 60_000;
/** Restore points listed at most (newest kept): a two-hour interview with a run a minute has ~150. */
export const RESTORE_POINTS_MAX = 200;
/** Names one activity point carries at most (the people who typed in its stretch). */
export const RESTORE_POINT_MAX_NAMES = 8;
// ---- Connection health and the room's figures (SPEC "Connection health") ---------------

/**
 * The largest round trip a presence state may carry (presence.ts cleanRtt): past a minute
 * a connection is lost whatever the figure says, and a capped whole number of
 * milliseconds cannot smuggle anything else through everyone's presence.
 */
export const MAX_PRESENCE_RTT_MS = 60_000;
/**
 * A room writes one summary of its figures (room/roomFigures.ts) per this window while
 * it is in use, not one per message: a busy room of 50 people sends thousands of frames
 * a minute, and the operator needs the rate and sizes, not each frame.
 */
export const ROOM_FIGURES_EVERY_MS = 60_000;
// ---- Interactive runs (worker/src/interactive/, SPEC "Interactive runs") -------------------

/** What one stdin message may carry: a typed line, or a paste of a few lines. */
export const MAX_STDIN_MESSAGE_BYTES = 4 * 1024;
/**
 * Stdin messages one connection may send to a run: a burst of STDIN_BURST, refilled at
 * STDIN_PER_SECOND. A person sends a line at a time; a script pasting in a loop is refused.
 */
export const STDIN_PER_SECOND = 10;
export const STDIN_BURST = 20;
