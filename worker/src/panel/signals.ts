/**
 * Integrity signals: what the candidate's browser reports about itself during the
 * interview (a large paste into the editor, the tab losing and regaining focus), and
 * the panel socket's JSON messages that carry them. The browser reports a paste's
 * size and file, never its text: the schema is strict, so a body with any other field
 * is refused. The server stamps the time and who (the token's role).
 *
 * @example
 * const report = signalReport.parse({ kind: 'paste', chars: 480, file: 'main.py' });
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { PASTE_SIGNAL_MAX_CHARS, PASTE_SIGNAL_MIN_CHARS } from '../limits';
import { REFUSAL_CODES } from '../refusals';

export { PASTE_SIGNAL_MIN_CHARS };

/** Longest file name a paste signal may carry (the executor's paths are shorter). */
const MAX_SIGNAL_FILE_CHARS = 256;

/** `POST /api/rooms/:roomId/signals`: one report from the candidate's browser. */
export const signalReport = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('paste'),
      chars: z
        .number()
        .int()
        .min(PASTE_SIGNAL_MIN_CHARS, `a paste is reported from ${PASTE_SIGNAL_MIN_CHARS} characters`)
        .max(PASTE_SIGNAL_MAX_CHARS),
      file: z.string().min(1).max(MAX_SIGNAL_FILE_CHARS),
    })
    .strict(),
  z
    .object({
      kind: z.literal('focus'),
      /** `left`: the tab was hidden or the window lost focus; `returned`: back again. */
      state: z.enum(['left', 'returned']),
    })
    .strict(),
]);
export type SignalReport = z.infer<typeof signalReport>;

/** A signal as stored and shown: the report, numbered and stamped by the server. */
export const signal = z.intersection(
  signalReport,
  z.object({ seq: z.number().int(), at: z.number(), by: z.object({ role: z.enum(ROLES) }) }),
);
export type Signal = z.infer<typeof signal>;

/** The panel socket's JSON text frames (only with `&events=1`), server → client. */
export const panelMessage = z.discriminatedUnion('type', [
  /** On connect: every signal so far. */
  z.object({ type: z.literal('signals'), signals: z.array(signal) }),
  /** A new signal, live. */
  z.object({ type: z.literal('signal'), signal }),
  z.object({
    type: z.literal('error'),
    code: z.enum(REFUSAL_CODES),
    message: z.string(),
    retryAfterS: z.number().optional(),
  }),
]);
export type PanelMessage = z.infer<typeof panelMessage>;

/** A text frame from the panel socket, or null when it is not one of ours. */
export function readPanelMessage(data: unknown): PanelMessage | null {
  if (typeof data !== 'string' || data === 'pong') return null;
  try {
    const parsed = panelMessage.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: not a panel message
  }
}
