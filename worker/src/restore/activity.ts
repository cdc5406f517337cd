/**
 * Restore points every RESTORE_POINT_EVERY_MS of activity (SPEC RST7). Activity is the
 * time between updates, each gap counted up to RESTORE_IDLE_GAP_MS: five minutes of
 * typing make a point, a quiet room makes none. A point is the moment of the update
 * that completed its stretch, with the people who typed in that stretch.
 *
 * Pure: the fold of update times into points. activityStore.ts runs it over the room's
 * stored history when the points are listed, never on the path of a keystroke.
 *
 * @example
 * const scan = scanActivity(state, entries); // {state, points}
 */
import { RESTORE_IDLE_GAP_MS, RESTORE_POINT_EVERY_MS, RESTORE_POINT_MAX_NAMES } from '../limits';
import type { PlaybackPerson } from '../playback/schema';

/** Where a scan stopped: the last update read, the activity since the last point, and who typed in it. */
export interface ScanState {
  seq: number;
  activeMs: number;
  lastAt: number;
  who: PlaybackPerson[];
}

export interface ActivityPoint {
  at: number;
  who: PlaybackPerson[];
}

/** An update as the scan reads it: when, and who (the room's own changes count as time, not as a person). */
export interface Stamp {
  seq: number;
  at: number;
  who: PlaybackPerson;
}

export const START: ScanState = { seq: 0, activeMs: 0, lastAt: 0, who: [] };

/** Folds `stamps` (oldest first, after `state.seq`) into the state, and the points they complete. */
export function scanActivity(
  state: ScanState,
  stamps: readonly Stamp[],
): { state: ScanState; points: ActivityPoint[] } {
  let { activeMs, lastAt, who, seq } = state;
  const points: ActivityPoint[] = [];
  for (const stamp of stamps) {
    if (seq > 0) activeMs += Math.min(Math.max(0, stamp.at - lastAt), RESTORE_IDLE_GAP_MS); // not before the first
    lastAt = stamp.at;
    seq = stamp.seq;
    const known = who.some((p) => p.name === stamp.who.name && p.role === stamp.who.role);
    if (stamp.who.role !== 'room' && !known && who.length < RESTORE_POINT_MAX_NAMES) who = [...who, stamp.who];
    if (activeMs >= RESTORE_POINT_EVERY_MS) {
      points.push({ at: stamp.at, who });
      activeMs = 0;
      who = [];
    }
  }
  return { state: { seq, activeMs, lastAt, who }, points };
}
