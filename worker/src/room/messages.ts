/**
 * The room's JSON wire messages (text frames), sent only to connections that asked
 * for them with `&events=1`, and the app close codes. The web app imports this
 * module; it is the one definition of the contract.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { runStopMessage, stdinMessage } from '../interactive/messages';
import { MAX_RUN_STDIN_BYTES } from '../limits';
import { REFUSAL_CODES } from '../refusals';
import { runMessages } from '../runs/events';
import { limitsMessage, runLimitsChange } from '../runs/runLimits';
import { terminalClientMessages, terminalServerMessages } from '../terminal/messages';
import { clockChange, clockMessage } from './clock';
import { packagesMessage } from './packagesSchema';
import { questionChange, questionView } from './question/schema';

export { CLOSE_CODES } from './closeCodes';

export const roomStatus = z.enum(['active', 'ended']);
export type RoomStatus = z.infer<typeof roomStatus>;

export const roomInfo = z.object({
  roomId: z.string(),
  title: z.string(),
  language: z.string(),
  status: roomStatus,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  /** The bank question the room was made from (GET /api/questions/:slug), if any. */
  questionId: z.string().nullable().default(null),
  /** When the room ends by itself (unix ms, the server's clock), or null: no clock (room/clock.ts). */
  endsAt: z.number().nullable().default(null),
});
export type RoomInfo = z.infer<typeof roomInfo>;

export const peer = z.object({
  connId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Peer = z.infer<typeof peer>;

export type { RunEvent } from '../runs/events';
// Runs: their shapes and messages live with the rest of the run code (worker/src/runs/).
export type { Run } from '../runs/run';

export const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), you: peer, room: roomInfo }),
  z.object({ type: z.literal('presence'), peers: z.array(peer) }),
  z.object({ type: z.literal('room'), room: roomInfo }),
  /** A refusal (refusals.ts), told to the one connection it concerns. */
  z.object({
    type: z.literal('error'),
    code: z.enum(REFUSAL_CODES),
    message: z.string(),
    retryAfterS: z.number().optional(),
  }),
  ...runMessages,
  /** The room's run limits and their bounds (runs/runLimits.ts), on connect and on every change. */
  limitsMessage,
  clockMessage,
  packagesMessage,
  /** The room's question as this socket's role sees it (question/views.ts), on connect and on every change. */
  z.object({ type: z.literal('question'), question: questionView.nullable() }),
  /** The shared terminal (terminal/messages.ts). */
  ...terminalServerMessages,
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** What a client may send as a JSON text frame. */
/** What to run: `POST /api/rooms/:id/runs` takes it as the body, the socket as a message. */
export const runRequest = z
  .object({
    path: z.string().max(128).optional(),
    stdin: z
      .string()
      .refine(
        (s) => new TextEncoder().encode(s).byteLength <= MAX_RUN_STDIN_BYTES,
        `must be at most ${MAX_RUN_STDIN_BYTES} bytes`,
      )
      .optional(),
    /** This run's own time and memory limits (runs/runLimits.ts); the room's for what it leaves out. */
    limits: runLimitsChange.optional(),
    /** The room types its stdin while it runs (interactive/messages.ts); `stdin` then stays out. */
    interactive: z.boolean().optional(),
  })
  // As testsRequest: a field it does not know is refused by name, not dropped.
  .strict();
export type RunRequest = z.infer<typeof runRequest>;

/**
 * What to test: `POST /api/rooms/:id/tests` takes it as the body, the socket as a
 * message. Each case brings its own stdin, so a test run takes none.
 */
export const testsRequest = z.object({ path: z.string().max(128).optional() }).strict();
export type TestsRequest = z.infer<typeof testsRequest>;

export const clientMessage = z.discriminatedUnion('type', [
  runRequest.extend({ type: z.literal('run') }),
  testsRequest.extend({ type: z.literal('tests') }),
  /** The interviewer's change to the clock (room/clock.ts). */
  z.object({ type: z.literal('clock'), change: clockChange }),
  /** The interviewer changes the question (question/schema.ts). */
  z.object({ type: z.literal('question.change'), change: questionChange }),
  /** An editor changes the room's run limits (runs/runLimits.ts). */
  z.object({ type: z.literal('limits'), limits: runLimitsChange }),
  /** An editor types into, or stops, a live interactive run (interactive/messages.ts). */
  stdinMessage,
  runStopMessage,
  /** The shared terminal: open, type, resize, close, take the keyboard, bring a file back (terminal/messages.ts). */
  ...terminalClientMessages,
]);
export type ClientMessage = z.infer<typeof clientMessage>;
