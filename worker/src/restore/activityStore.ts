/**
 * The activity scan's storage (SPEC RST7): off the hot path, nothing is done per
 * keystroke. The history is scanned when the points are listed, from where the last
 * listing stopped (a cursor in the room's SQLite), so every update is read once over the
 * room's life, and the points found are kept.
 *
 * @example
 * const points = await activityPoints(ctx.storage.sql, history); // newest first
 */
import { RESTORE_POINTS_MAX } from '../limits';
import type { PlaybackPerson } from '../playback/schema';
import type { History } from '../room/storage/history';
import { type ActivityPoint, type ScanState, START, scanActivity } from './activity';

/** Storage step (room/storage/migrations.ts): the scan's cursor and the points it found. */
export function activityTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS activity_scan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    active_ms INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    who TEXT NOT NULL
  )`);
  sql.exec('CREATE TABLE IF NOT EXISTS activity_points (at INTEGER PRIMARY KEY, who TEXT NOT NULL)');
}

/** Updates read per step of a scan: a page's worth, so a long unread stretch is read in bounded parts. */
const SCAN_STEP = 2000;

/** Scans what the room stored since the last listing, keeps the points found, and answers the newest kept. */
export async function activityPoints(sql: SqlStorage, history: History): Promise<ActivityPoint[]> {
  const row = sql
    .exec<{ seq: number; active_ms: number; last_at: number; who: string }>(
      'SELECT seq, active_ms, last_at, who FROM activity_scan WHERE id = 1',
    )
    .toArray()[0];
  let state: ScanState = row
    ? { seq: row.seq, activeMs: row.active_ms, lastAt: row.last_at, who: JSON.parse(row.who) as PlaybackPerson[] }
    : START;
  const newest = newestSeq(sql);
  while (state.seq < newest) {
    const entries = await history.read({ from: state.seq + 1, to: Math.min(newest, state.seq + SCAN_STEP) });
    if (entries.length === 0) break;
    const scan = scanActivity(
      state,
      entries.map(({ seq, at, author }) => ({ seq, at, who: { name: author.name, role: author.role } })),
    );
    state = scan.state;
    for (const point of scan.points) {
      sql.exec('INSERT OR IGNORE INTO activity_points (at, who) VALUES (?, ?)', point.at, JSON.stringify(point.who));
    }
    sql.exec(
      `INSERT INTO activity_scan (id, seq, active_ms, last_at, who) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, active_ms = excluded.active_ms,
         last_at = excluded.last_at, who = excluded.who`,
      state.seq,
      state.activeMs,
      state.lastAt,
      JSON.stringify(state.who),
    );
  }
  return sql
    .exec<{ at: number; who: string }>(
      'SELECT at, who FROM activity_points ORDER BY at DESC LIMIT ?',
      RESTORE_POINTS_MAX,
    )
    .toArray()
    .map((p) => ({ at: p.at, who: JSON.parse(p.who) as PlaybackPerson[] }));
}

/** The newest stored update's seq: in the rows, or in the segments moved to R2. */
function newestSeq(sql: SqlStorage): number {
  const rows = sql.exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates').one().seq ?? 0;
  const archived = sql.exec<{ seq: number | null }>('SELECT MAX(to_seq) AS seq FROM history_segments').one().seq ?? 0;
  return Math.max(rows, archived);
}
