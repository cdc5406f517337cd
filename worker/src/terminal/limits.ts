/**
 * The shared terminal's limits in the room (SPEC § 45); the executor's own bounds on a
 * terminal are in executor/src/limits.ts.
 */

/** What one terminal message may carry: a keystroke, or a paste (the executor's own bound). */
export { MAX_TERMINAL_INPUT_BYTES } from '@codesync/executor/limits';
/**
 * Terminal messages (keystrokes, resizes) one connection may send: a burst of
 * TERMINAL_INPUT_BURST, refilled at TERMINAL_INPUT_PER_SECOND. Fast typing is ~15 keys/s;
 * a script sending in a loop is refused.
 */
export const TERMINAL_INPUT_PER_SECOND = 60;
export const TERMINAL_INPUT_BURST = 120;
/** The recent screen a late joiner is sent (the tail of the output, in characters). */
export const TERMINAL_SCROLLBACK_CHARS = 64 * 1024;
/**
 * The room's own caps on a terminal, a backstop behind the executor's (which owns the
 * container and closes it at TERMINAL_IDLE_MS / TERMINAL_HARD_MS): the room closes it a
 * little later, so a lost executor never leaves a terminal showing as open.
 */
export const TERMINAL_ROOM_SLACK_MS = 60_000;
/** Terminal output recorded in the room's history, per terminal; past it, only input is. */
export const TERMINAL_RECORD_OUTPUT_CHARS = 256 * 1024;
/** Recorded output is written as one timeline row per this many characters (or per command). */
export const TERMINAL_RECORD_ROW_CHARS = 4 * 1024;
