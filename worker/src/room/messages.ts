/**
 * The room's JSON wire messages (text frames), sent only to connections that asked
 * for them with `&events=1`, and the app close codes. The web app imports this
 * module; it is the one definition of the contract.
 */
import { diagnostic, VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { MAX_RUN_STDIN_BYTES } from '../limits';
import { REFUSAL_CODES } from '../refusals';

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
});
export type RoomInfo = z.infer<typeof roomInfo>;

export const peer = z.object({
  connId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Peer = z.infer<typeof peer>;

// ---- runs ---------------------------------------------------------------------------

export const RUN_STATES = ['queued', 'running', 'finished', 'failed'] as const;
export const RUN_ERRORS = ['executor_unreachable', 'executor_busy', 'executor_refused', 'timed_out'] as const;

export const runOutput = z.object({ stream: z.enum(['stdout', 'stderr', 'compile']), data: z.string() });

/** A run as the room keeps it and replays it to whoever joins. */
export const run = z.object({
  runId: z.string(),
  state: z.enum(RUN_STATES),
  startedBy: z.object({ name: z.string(), role: z.enum(ROLES) }),
  language: z.string(),
  path: z.string(),
  stdin: z.string(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  timeMs: z.number().nullable(),
  memoryKb: z.number().nullable(),
  truncated: z.boolean(),
  output: z.array(runOutput),
  diagnostics: z.array(diagnostic),
  error: z.enum(RUN_ERRORS).nullable(),
  message: z.string().nullable(),
  retryAfterS: z.number().nullable(),
});
export type Run = z.infer<typeof run>;

/** A run that has just been asked for: nothing has happened to it yet. */
export function queuedRun(fields: Pick<Run, 'runId' | 'startedBy' | 'language' | 'path' | 'stdin' | 'createdAt'>): Run {
  return {
    ...fields,
    state: 'queued',
    startedAt: null,
    finishedAt: null,
    verdict: null,
    exitCode: null,
    signal: null,
    timeMs: null,
    memoryKb: null,
    truncated: false,
    output: [],
    diagnostics: [],
    error: null,
    message: null,
    retryAfterS: null,
  };
}

const runEvent = { runId: z.string(), seq: z.number() };

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
  /** The room's recent runs, oldest first, sent on connect. */
  z.object({ type: z.literal('runs'), runs: z.array(run) }),
  z.object({ type: z.literal('run.queued'), run }),
  z.object({ type: z.literal('run.started'), ...runEvent, state: z.literal('running') }),
  z.object({ type: z.literal('run.output'), ...runEvent, state: z.literal('running'), ...runOutput.shape }),
  z.object({
    type: z.literal('run.finished'),
    ...runEvent,
    state: z.literal('finished'),
    run,
  }),
  z.object({ type: z.literal('run.analysis'), ...runEvent, diagnostics: z.array(diagnostic) }),
  z.object({ type: z.literal('run.failed'), runId: z.string(), state: z.literal('failed'), run }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** What a client may send as a JSON text frame. */
/** What to run: `POST /api/rooms/:id/runs` takes it as the body, the socket as a message. */
export const runRequest = z.object({
  path: z.string().max(128).optional(),
  stdin: z
    .string()
    .refine(
      (s) => new TextEncoder().encode(s).byteLength <= MAX_RUN_STDIN_BYTES,
      `must be at most ${MAX_RUN_STDIN_BYTES} bytes`,
    )
    .optional(),
});
export type RunRequest = z.infer<typeof runRequest>;

export const clientMessage = z.discriminatedUnion('type', [runRequest.extend({ type: z.literal('run') })]);
export type ClientMessage = z.infer<typeof clientMessage>;
