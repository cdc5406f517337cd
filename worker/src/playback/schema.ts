/**
 * Playback's wire contract (issue 12): what `GET /api/rooms/:roomId/history` answers
 * (the manifest, JSON) and how its pages of updates are fetched (binary, page.ts).
 * Interviewer and observers only (`review`); a candidate gets 403. The worker builds
 * the manifest, the web app parses it with this schema.
 *
 * The manifest is small whatever the interview's length: the room, the people, the
 * recorded events for the timeline, and an index of pages. The updates themselves come
 * page by page from `GET /api/rooms/:roomId/history/updates?from=<seq>&to=<seq>`, each
 * page at most PLAYBACK_PAGE_UPDATES updates, so a two-hour interview never needs one
 * huge response and the first frame needs only the first page.
 *
 * @example
 * const manifest = playbackManifest.parse(await res.json());
 * for (const page of manifest.pages) decodePage(await fetchPage(page.from, page.to));
 */
import { VERDICTS } from '@codesync/executor/api';
import { z } from 'zod';
import { ROLES } from '../auth/roles';

/** Updates per page of history at most; a page of keystrokes is ≈ 30 bytes an update. */
export const PLAYBACK_PAGE_UPDATES = 2000;
/** Events a manifest carries at most (oldest first); the rest are counted in `eventsOmitted`. */
export const PLAYBACK_MAX_EVENTS = 5000;

/** Who made a change: a person (name and the role they joined with) or the room itself. */
export const playbackPerson = z.object({ name: z.string(), role: z.enum([...ROLES, 'room']) });
export type PlaybackPerson = z.infer<typeof playbackPerson>;

export const playbackPage = z.object({
  /** First and last `seq` the page holds, both included (HIST2). */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  firstAt: z.number(),
  lastAt: z.number(),
  count: z.number().int().nonnegative(),
});
export type PlaybackPage = z.infer<typeof playbackPage>;

const at = z.number();
const by = playbackPerson;

/** One marker on the timeline. Every event has `at` (unix ms) and a `type`. */
export const playbackEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), at, who: by }),
  z.object({ type: z.literal('leave'), at, who: by }),
  /** A run or a test run, at its creation; its output comes from `GET /api/rooms/:roomId/runs/:runId`. */
  z.object({
    type: z.literal('run'),
    at,
    runId: z.string(),
    kind: z.enum(['run', 'tests']),
    who: by,
    finishedAt: z.number().nullable(),
    /** Null until finished, or when it failed before a verdict. */
    verdict: z.enum(VERDICTS).nullable(),
    /** Test runs: cases passed and in all; null for plain runs. */
    passed: z.number().int().nullable(),
    total: z.number().int().nullable(),
  }),
  /** A paste into the editor, as the candidate's browser reported it (panel signals). */
  z.object({ type: z.literal('paste'), at, who: by, chars: z.number().int().nonnegative() }),
  /** The candidate's tab lost (`lost: true`) or regained focus (panel signals). */
  z.object({ type: z.literal('focus'), at, who: by, lost: z.boolean() }),
  /** A file appeared, was renamed (`from` is the old path) or was deleted. */
  z.object({
    type: z.literal('file'),
    at,
    who: by.nullable(),
    action: z.enum(['created', 'renamed', 'deleted']),
    path: z.string(),
    from: z.string().nullable(),
  }),
  z.object({ type: z.literal('language'), at, who: by, from: z.string(), to: z.string() }),
  /** The interviewer restored the files to the moment `to`; `from` is the moment just before (undo: restore to it). */
  z.object({ type: z.literal('restore'), at, who: by, to: z.number(), from: z.number() }),
  /** What someone typed into an interactive run (`^D` for the end of input), on the run's timeline. */
  z.object({ type: z.literal('stdin'), at, who: by, runId: z.string(), data: z.string() }),
  /**
   * The shared terminal (SPEC TERM9): a line typed (`input`, who typed it) or what the shell
   * wrote (`output`, who opened it), on the same timeline as the edits.
   */
  z.object({
    type: z.literal('terminal'),
    at,
    who: by,
    terminalId: z.string(),
    stream: z.enum(['input', 'output']),
    data: z.string(),
  }),
]);
export type PlaybackEvent = z.infer<typeof playbackEvent>;
export type PlaybackEventType = PlaybackEvent['type'];

export const playbackManifest = z.object({
  room: z.object({
    roomId: z.string(),
    title: z.string(),
    language: z.string(),
    status: z.enum(['active', 'ended']),
    createdAt: z.number(),
    endedAt: z.number().nullable(),
  }),
  /** Everyone who joined, in order of first join: the legend and the colour order. */
  people: z.array(playbackPerson),
  updates: z.object({
    count: z.number().int().nonnegative(),
    firstAt: z.number().nullable(),
    lastAt: z.number().nullable(),
  }),
  /** Oldest first, contiguous, covering every update in the room's history. */
  pages: z.array(playbackPage),
  /** Oldest first, at most PLAYBACK_MAX_EVENTS. */
  events: z.array(playbackEvent),
  eventsOmitted: z.number().int().nonnegative(),
});
export type PlaybackManifest = z.infer<typeof playbackManifest>;

/** `GET /api/rooms/:roomId/files?at=<unix ms>`: the files exactly as they were at `at`. */
export const filesAtResponse = z.object({
  at: z.number(),
  /** The last update applied (the newest with `at ≤` the asked time), 0 when none. */
  seq: z.number().int().nonnegative(),
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  entry: z.string().nullable(),
});
export type FilesAtResponse = z.infer<typeof filesAtResponse>;
