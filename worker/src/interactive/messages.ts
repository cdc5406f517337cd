/**
 * What a room's editors send to an interactive run (SPEC "Interactive runs"): a line of
 * stdin, the end of the input, or a stop. messages.ts puts them in `clientMessage`.
 */
import { z } from 'zod';
import { MAX_STDIN_MESSAGE_BYTES } from '../limits';

const runId = z.string().min(1).max(64);

/** `{type: 'stdin', runId, data}` or `{type: 'stdin', runId, eof: true}`: one of the two. */
export const stdinMessage = z
  .object({
    type: z.literal('stdin'),
    runId,
    data: z
      .string()
      .min(1)
      .refine(
        (s) => new TextEncoder().encode(s).byteLength <= MAX_STDIN_MESSAGE_BYTES,
        `must be at most ${MAX_STDIN_MESSAGE_BYTES} bytes; send a long input in several lines`,
      )
      .optional(),
    eof: z.literal(true).optional(),
  })
  .strict()
  .refine((m) => (m.data === undefined) !== (m.eof === undefined), {
    path: ['data'],
    message: 'send either `data` (what was typed) or `eof: true`, not both and not neither',
  });
export type StdinMessage = z.infer<typeof stdinMessage>;

/** Stops a live interactive run (Ctrl-C in the console). */
export const runStopMessage = z.object({ type: z.literal('run.stop'), runId }).strict();
