/**
 * What the playback page and its Web Worker (replay.worker.ts) say to each other. Both
 * ends are ours, but a message crosses a thread like a frame crosses a socket: each end
 * parses what it receives with these schemas and trusts the types after that.
 *
 * page → worker: `open` once (the room, its token, the manifest's pages and people),
 * then `seek`s; the page sends a seek only when the previous frame came back
 * (seekQueue.ts), so the worker only ever works on the latest position.
 * worker → page: `loaded` per page of history (the times of its updates), `frame` per
 * seek, `failed` when a page cannot be had.
 */
import { playbackPage, playbackPerson } from '@codesync/worker/playback-schema';
import { z } from 'zod';

export const toReplay = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('open'),
    roomId: z.string(),
    token: z.string(),
    pages: z.array(playbackPage),
    people: z.array(playbackPerson),
  }),
  /** Show the state after the first `position` updates. */
  z.object({ type: z.literal('seek'), position: z.number().int().nonnegative() }),
]);
export type ToReplay = z.infer<typeof toReplay>;

/** A file at the playhead; each span's `person` indexes the manifest's people (−1: no one named). */
export const frameFile = z.object({
  id: z.string(),
  path: z.string(),
  content: z.string(),
  spans: z.array(z.object({ person: z.number().int(), length: z.number().int().nonnegative() })),
});
export type FrameFile = z.infer<typeof frameFile>;

export const fromReplay = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('loaded'),
    /** The `at` (unix ms) of each update the page added, in order. */
    times: z.instanceof(Float64Array),
    /** Updates held so far, and the bytes of history downloaded so far. */
    length: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    done: z.boolean(),
  }),
  z.object({
    type: z.literal('frame'),
    /** The position asked for, and the one shown (smaller while its page is still coming). */
    asked: z.number().int().nonnegative(),
    position: z.number().int().nonnegative(),
    files: z.array(frameFile),
    entry: z.string().nullable(),
    /** How long the worker took to make it. */
    ms: z.number(),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromReplay = z.infer<typeof fromReplay>;
