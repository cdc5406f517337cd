/**
 * The Durable Object's SQLite tables, versioned. Each step is numbered by its place in
 * STEPS and runs once, in a transaction with the version bump, when an object wakes on
 * a version older than the code's. Never edit a step that has shipped: add one.
 *
 * Step 1 is the set of tables rooms had before versioning; it uses IF NOT EXISTS so an
 * object created then (tables present, no version row) takes it as a no-op.
 */
import { timelineTables } from '../../playback/timeline';
import { activityTables } from '../../restore/activityStore';
import { runsAsUnion } from '../../runs/storageStep';
import { joinLogTables } from '../joinLog';
import { packagesTable } from '../packages';
import { questionTable } from '../question/storageStep';

type Step = (sql: SqlStorage) => void;

const STEPS: readonly Step[] = [
  // 1: room record, document snapshot + update log, runs.
  (sql) => {
    sql.exec(`CREATE TABLE IF NOT EXISTS room_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      room_id TEXT NOT NULL,
      title TEXT NOT NULL,
      language TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      ended_at INTEGER,
      interviewer_hash TEXT NOT NULL,
      candidate_hash TEXT NOT NULL,
      observer_hash TEXT NOT NULL
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS doc_snapshot (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data BLOB NOT NULL
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS doc_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      data BLOB NOT NULL
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS runs (
      run_id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      state TEXT NOT NULL,
      next_seq INTEGER NOT NULL DEFAULT 0,
      job_id TEXT,
      data TEXT NOT NULL
    )`);
  },
  // 2: history. Each update keeps its time and author; a snapshot records the last
  // update it covers, so covered rows can stay (as history) until moved to R2, where
  // history_segments indexes them.
  (sql) => {
    sql.exec('ALTER TABLE doc_updates ADD COLUMN at INTEGER NOT NULL DEFAULT 0');
    sql.exec("ALTER TABLE doc_updates ADD COLUMN conn_id TEXT NOT NULL DEFAULT ''");
    sql.exec("ALTER TABLE doc_updates ADD COLUMN name TEXT NOT NULL DEFAULT ''");
    sql.exec("ALTER TABLE doc_updates ADD COLUMN role TEXT NOT NULL DEFAULT ''");
    sql.exec('ALTER TABLE doc_snapshot ADD COLUMN upto_seq INTEGER NOT NULL DEFAULT 0');
    sql.exec(`CREATE TABLE history_segments (
      from_seq INTEGER PRIMARY KEY,
      to_seq INTEGER NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      r2_key TEXT NOT NULL
    )`);
  },
  // 3: the worker verifies tokens against D1 and hands the room a principal; the
  // room keeps no copy of the hashes.
  (sql) => {
    for (const role of ['interviewer', 'candidate', 'observer']) {
      sql.exec(`ALTER TABLE room_meta DROP COLUMN ${role}_hash`);
    }
  },
  // 4: runs stored as the union by state, with their held (early) executor events.
  runsAsUnion,
  // 5: retention. When an ended room deletes itself (room/retention.ts).
  (sql) => {
    sql.exec('ALTER TABLE room_meta ADD COLUMN delete_at INTEGER');
  },
  // 6: the bank question a room was made from (issue 11).
  (sql) => {
    sql.exec('ALTER TABLE room_meta ADD COLUMN question_id TEXT');
  },
  // 7: the join log, who joined and left and when, for the report (room/joinLog.ts).
  joinLogTables,
  // 8: the interview clock (room/clock.ts): when the room ends by itself, and the end
  // the 10-second notice was given for.
  (sql) => {
    sql.exec('ALTER TABLE room_meta ADD COLUMN ends_at INTEGER');
    sql.exec('ALTER TABLE room_meta ADD COLUMN clock_notice_for INTEGER');
  },
  // 9: the room's question, kept out of the shared doc (room/question/); a room made
  // from a bank question before this step gets that question.
  questionTable,
  // 10: playback (issue 12): the timeline of file operations and language switches, and
  // the index of the document's checkpoints in R2 (playback/timeline.ts, checkpoints.ts).
  timelineTables,
  // 11: the libraries the room declares for its runs, per language (room/packages.ts).
  packagesTable,
  // 12: restore points every 5 minutes of activity: the scan's cursor and the points found (restore/activityStore.ts).
  activityTables,
];

/** The version this code writes and reads. */
export const SCHEMA_VERSION = STEPS.length;

/** Brings the object's tables to SCHEMA_VERSION; returns the version it found. */
export function migrate(storage: DurableObjectStorage, steps: readonly Step[] = STEPS): number {
  const { sql } = storage;
  sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
  );
  const found =
    sql.exec<{ version: number }>('SELECT version FROM schema_version WHERE id = 1').toArray()[0]?.version ?? 0;
  if (found > steps.length) {
    // Code older than the data (a rollback): refuse rather than misread the tables.
    throw new Error(`room storage is at version ${found}, newer than this code's ${steps.length}`);
  }
  for (let version = found + 1; version <= steps.length; version++) {
    storage.transactionSync(() => {
      steps[version - 1]?.(sql);
      sql.exec(
        'INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
        version,
      );
    });
  }
  return found;
}
