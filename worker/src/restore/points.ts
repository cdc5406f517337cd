/**
 * The room's automatic restore points (SPEC RST7), newest first: before each run and
 * test run (the moment it started: the files it was sent), every RESTORE_POINT_EVERY_MS
 * of activity (activity.ts), and just before each restore (so a restore can be undone
 * later too, not only right after).
 *
 * @example
 * const { points } = await restorePoints(sql, history, playback.restores());
 */
import { RESTORE_POINT_EVERY_MS, RESTORE_POINTS_MAX } from '../limits';
import { runEvents } from '../playback/events';
import type { PlaybackEvent } from '../playback/schema';
import type { History } from '../room/storage/history';
import { activityPoints } from './activityStore';
import type { RestorePoint, RestorePoints } from './schema';

type RestoreEvent = Extract<PlaybackEvent, { type: 'restore' }>;

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

export async function restorePoints(
  sql: SqlStorage,
  history: History,
  restores: readonly RestoreEvent[],
): Promise<RestorePoints> {
  const points: RestorePoint[] = [];
  // The newest runs: runEvents reads oldest first, so it is asked for every run up to the cap's worth.
  const { events: runs } = runEvents(sql, Number.MAX_SAFE_INTEGER);
  for (const run of runs.slice(-RESTORE_POINTS_MAX)) {
    if (run.type !== 'run') continue;
    const what = run.kind === 'tests' ? 'test run' : 'run';
    points.push({ at: run.at, kind: 'run', label: `Before a ${what} by ${run.who.name}`, who: [run.who] });
  }
  for (const restore of restores) {
    points.push({
      at: restore.from,
      kind: 'restore',
      label: `Before a restore by ${restore.who.name}`,
      who: [restore.who],
    });
  }
  for (const point of await activityPoints(sql, history)) {
    const names = point.who.map((p) => p.name).join(', ');
    const label = `${minutes(RESTORE_POINT_EVERY_MS / 60_000)} of editing${names ? ` by ${names}` : ''}`;
    points.push({ at: point.at, kind: 'activity', label, who: point.who });
  }
  points.sort((a, b) => b.at - a.at);
  return { points: points.slice(0, RESTORE_POINTS_MAX) };
}
