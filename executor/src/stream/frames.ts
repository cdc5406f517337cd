/**
 * A run's stream: the one WebSocket an executor node dials to the room for an
 * interactive job (docs/STREAMING.md). The node dials out, so it works wherever the job
 * ran (a cluster node needs no inbound reachability), and it is a plain WebSocket, so
 * the executor knows nothing of Cloudflare. The handshake is signed like a callback
 * (api.ts, executor→worker key) over `GET <path>?job=<jobId>&request=<requestId>`, so it
 * names the job and the caller's request (the room: "<roomId>:<runId>"); the room takes one stream
 * per run, ever, so a replayed handshake is refused. Both ends parse every frame here.
 *
 * Frame types are namespaced by what they drive (`run.*`), so the shared terminal can add
 * `terminal.*` frames to the same envelope.
 *
 * @example
 * const url = streamUrlFor(job.callbackUrl, jobId, requestId); // ws://…/internal/runs/<runId>/stream?job=…&request=…
 * const frame = parseFrame(toExecutorFrame, text); // { ok: true, frame: { type: 'run.stdin', data: 'Ada\n' } }
 */
import { z } from 'zod';
import { filePath, jobEvent, SIGNATURE_HEADER, signedHeaders, TIMESTAMP_HEADER } from '../api';
import {
  MAX_STREAM_FRAME_BYTES,
  MAX_STREAM_STDIN_BYTES,
  MAX_TERMINAL_INPUT_BYTES,
  TERMINAL_MAX_COLS,
  TERMINAL_MAX_ROWS,
} from '../limits';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/** Room → executor: what people typed, the end of their input, or a stop. */
export const toExecutorFrame = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('run.stdin'),
      data: z
        .string()
        .min(1)
        .refine((s) => utf8Bytes(s) <= MAX_STREAM_STDIN_BYTES, `must be at most ${MAX_STREAM_STDIN_BYTES} bytes`),
    })
    .strict(),
  z.object({ type: z.literal('run.eof') }).strict(),
  z.object({ type: z.literal('run.stop') }).strict(),
  // The shared terminal (SPEC § 45): keystrokes, the screen's size, and "bring back a file".
  z
    .object({
      type: z.literal('terminal.input'),
      data: z
        .string()
        .min(1)
        .refine((s) => utf8Bytes(s) <= MAX_TERMINAL_INPUT_BYTES, `must be at most ${MAX_TERMINAL_INPUT_BYTES} bytes`),
    })
    .strict(),
  z
    .object({
      type: z.literal('terminal.resize'),
      cols: z.number().int().min(2).max(TERMINAL_MAX_COLS),
      rows: z.number().int().min(1).max(TERMINAL_MAX_ROWS),
    })
    .strict(),
  z.object({ type: z.literal('terminal.fetch'), path: filePath }).strict(),
]);
export type ToExecutorFrame = z.infer<typeof toExecutorFrame>;

/** Executor → room: the job's events, numbered as callbacks number them (one sequence for both). */
export const toRoomFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run.event'), event: jobEvent }).strict(),
  /** What the terminal's pty wrote (at most TERMINAL_OUTPUT_CHUNK_BYTES), or the executor's notice in it. */
  z.object({ type: z.literal('terminal.output'), data: z.string() }).strict(),
  /** A file read from the terminal's working directory for the room (`terminal.fetch`): its content or why not. */
  z
    .object({
      type: z.literal('terminal.file'),
      path: filePath,
      content: z.string().optional(),
      problem: z.string().max(300).optional(),
    })
    .strict()
    .refine((f) => (f.content === undefined) !== (f.problem === undefined), {
      path: ['content'],
      message: 'a file frame carries either `content` or `problem`',
    }),
]);
export type ToRoomFrame = z.infer<typeof toRoomFrame>;

export type FrameParse<T> = { ok: true; frame: T } | { ok: false; problem: string };

/** One text frame, size first, then JSON, then the schema; the problem names the field. */
export function parseFrame<T>(schema: z.ZodType<T>, text: string): FrameParse<T> {
  if (utf8Bytes(text) > MAX_STREAM_FRAME_BYTES) {
    return { ok: false, problem: `a stream frame must be at most ${MAX_STREAM_FRAME_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'a stream frame must be JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'not a stream frame'}` };
}

/** The path a run's stream is at, beside its callback (`…/runs/<runId>/events` → `…/stream`). */
export const STREAM_PATH = /^\/internal\/runs\/([A-Za-z0-9-]{1,64})\/events$/;

/**
 * The stream's URL for a job whose events go to `callbackUrl`: same origin (so the
 * executor's callback allow-list decides both), ws(s) scheme, bound to the job's id and
 * the caller's requestId. Null when the callback is not a room's run callback.
 */
export function streamUrlFor(callbackUrl: string, jobId: string, requestId: string): URL | null {
  const url = new URL(callbackUrl);
  const match = STREAM_PATH.exec(url.pathname);
  if (!match || url.search) return null;
  const stream = new URL(`/internal/runs/${match[1]}/stream`, url);
  stream.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  stream.searchParams.set('job', jobId);
  stream.searchParams.set('request', requestId);
  return stream;
}

/** The handshake's headers: signed with the executor→worker key over GET, its target and no body. */
export async function streamHeaders(secret: string, target: string, now?: number): Promise<Record<string, string>> {
  const signed = await signedHeaders(secret, 'to-worker', { method: 'GET', path: target, body: '' }, now);
  return { [TIMESTAMP_HEADER]: signed[TIMESTAMP_HEADER] ?? '', [SIGNATURE_HEADER]: signed[SIGNATURE_HEADER] ?? '' };
}

/** Close codes of a run's stream (4000–4999: the application's). */
export const STREAM_CLOSE = {
  /** The run ended: nothing more will be sent either way. */
  done: 4000,
  /** A frame did not parse; the reason says which field. */
  badFrame: 4400,
} as const;
