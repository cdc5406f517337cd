/**
 * The shared terminal's room messages (SPEC § 45): what editors send on the room socket
 * and what everyone is sent. room/messages.ts puts them in `clientMessage` and
 * `serverMessage`; the web app imports them from there.
 */
import { filePath } from '@codesync/executor/api';
import { TERMINAL_MAX_COLS, TERMINAL_MAX_ROWS } from '@codesync/executor/limits';
import { z } from 'zod';
import { MAX_TERMINAL_INPUT_BYTES } from './limits';

const terminalId = z.string().min(1).max(64);
const cols = z.number().int().min(2).max(TERMINAL_MAX_COLS);
const rows = z.number().int().min(1).max(TERMINAL_MAX_ROWS);

export const terminalClientMessages = [
  /** An editor opens the room's one terminal, at their screen's size. */
  z.object({ type: z.literal('terminal.open'), cols: cols.optional(), rows: rows.optional() }).strict(),
  /** The keyboard holder's keystrokes (or a paste). */
  z
    .object({
      type: z.literal('terminal.input'),
      terminalId,
      data: z
        .string()
        .min(1)
        .refine(
          (s) => new TextEncoder().encode(s).byteLength <= MAX_TERMINAL_INPUT_BYTES,
          `must be at most ${MAX_TERMINAL_INPUT_BYTES} bytes; paste less at once`,
        ),
    })
    .strict(),
  /** The keyboard holder's screen changed size. */
  z.object({ type: z.literal('terminal.resize'), terminalId, cols, rows }).strict(),
  /** An editor closes the terminal, for everyone. */
  z.object({ type: z.literal('terminal.close'), terminalId }).strict(),
  /** An editor takes the keyboard: from now on only they type. */
  z.object({ type: z.literal('terminal.keyboard'), terminalId }).strict(),
  /** An editor copies one file from the shell's working directory into the room's files. */
  z.object({ type: z.literal('terminal.bringBack'), terminalId, path: filePath }).strict(),
] as const;

export type TerminalClientMessage = z.infer<(typeof terminalClientMessages)[number]>;

/** Who holds the keyboard (null: nobody; an editor takes it). */
export const keyboardHolder = z.object({ connId: z.string(), name: z.string() }).nullable();

/** The terminal as a participant sees it: on connect (with the recent screen) and on every change. */
export const terminalView = z.object({
  terminalId: z.string(),
  openedBy: z.string(),
  openedAt: z.number(),
  /** `starting` until the executor's shell is connected. */
  state: z.enum(['starting', 'open']),
  keyboard: keyboardHolder,
});
export type TerminalView = z.infer<typeof terminalView>;

export const terminalServerMessages = [
  /** The room's terminal now (null: none), with the tail of its screen for a late joiner. */
  z.object({ type: z.literal('terminal'), terminal: terminalView.nullable(), screen: z.string() }),
  z.object({ type: z.literal('terminal.output'), terminalId, data: z.string() }),
  /** `code` `terminals_full`: the code runner had no terminal to spare (TERM14), as a refused open says. */
  z.object({
    type: z.literal('terminal.closed'),
    terminalId,
    reason: z.string(),
    code: z.literal('terminals_full').optional(),
  }),
  /** A file was brought back from the terminal (`by`), or why not (to the one who asked). */
  z.object({
    type: z.literal('terminal.file'),
    terminalId,
    path: z.string(),
    by: z.string(),
    ok: z.boolean(),
    message: z.string(),
  }),
] as const;
