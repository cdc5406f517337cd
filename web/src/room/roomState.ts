/**
 * What a room's connection tells its page (connection.ts owns the socket): the room as
 * its messages fold it, the socket's health, the last refusal in words, and the copies of
 * this page's files the room did not keep (LIM15).
 */
import type { FileContent } from '@codesync/worker/doc';
import { EMPTY_VIEW, type RoomView } from '@codesync/worker/room-view';
import { type HealthState, UNKNOWN_HEALTH } from './health';

export type Status = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The room as its messages tell it (roomView.ts, the fold tests use too), plus the socket's state. */
export interface RoomState extends RoomView {
  status: Status;
  /** The document has arrived from the server at least once. */
  synced: boolean;
  /** The last thing the server refused, in words for people. */
  notice: { code: string; message: string; at: number } | null;
  /** Why the socket cannot connect at all (bad link, unknown room). */
  fatal: string | null;
  /** Tries that ended before the socket opened, since it was last open: the badge says it keeps trying. */
  attempts: number;
  /** The room's answers take over a second (roundTrip.ts): what others type arrives late. */
  catchingUp: boolean;
  /** This page's round trip to the room and whether it is good, slow or lost (health.ts). */
  health: HealthState;
  /**
   * How full the room's files are against the limits the server enforces (docSize.ts):
   * content bytes, the encoded document's bytes, and the larger fraction of its limit.
   */
  size: { total: number; encoded: number; fullness: number };
  /** The server's clock minus this browser's, measured as each `clock` message arrives (web/src/clock/). */
  clockOffsetMs: number;
  /**
   * This page's files as they were when the room refused a change it had already applied
   * (the copy was then taken from the room again): kept until the person dismisses them,
   * so what the room did not take can still be downloaded, never silently gone.
   */
  unkept: UnkeptCopy[] | null;
}

export const INITIAL_STATE: RoomState = {
  ...EMPTY_VIEW,
  status: 'connecting',
  synced: false,
  notice: null,
  fatal: null,
  attempts: 0,
  catchingUp: false,
  health: UNKNOWN_HEALTH,
  size: { total: 0, encoded: 0, fullness: 0 },
  clockOffsetMs: 0,
  unkept: null,
};

export interface Notice {
  code: string;
  message: string;
  /**
   * This page's copies the room did not keep (onDiverged): every one not yet dismissed,
   * newest last, so a second refusal never takes the first copy away.
   */
  kept?: UnkeptCopy[];
}

/** The files as a page had them when the room refused a change, and when. */
export interface UnkeptCopy {
  at: number;
  files: FileContent[];
}

/** At most this many copies are kept (each up to the document's size): the oldest go first. */
const MAX_UNKEPT_COPIES = 5;

/** The copies on offer with `copy` added, newest last, at most MAX_UNKEPT_COPIES. */
export function withCopy(copies: readonly UnkeptCopy[] | null, copy: UnkeptCopy): UnkeptCopy[] {
  return [...(copies ?? []), copy].slice(-MAX_UNKEPT_COPIES);
}
