/**
 * What playback's timeline needs that nothing else in the room keeps: files created,
 * renamed and deleted (fileOps.ts sees them as the room accepts the change) and the
 * room's language switches, each with its author and time. One row per event in the
 * room's SQLite (`timeline`, storage step 10). Bounded like the join log: the first
 * TIMELINE_MAX_ROWS are kept, later ones counted, so a client creating and deleting
 * files in a loop cannot grow storage.
 *
 * @example
 * const timeline = new Timeline(ctx.storage.sql);
 * timeline.language({ name: 'Grace', role: 'interviewer' }, 'python', 'go', Date.now());
 * timeline.read(); // {events: [{type: 'language', at, who, from, to}], omitted: 0}
 */
import type { Role } from '../auth/roles';
import { TIMELINE_MAX_ROWS } from '../limits';
import type { FileOp } from './fileOps';
import type { PlaybackEvent, PlaybackPerson } from './schema';

/**
 * Storage step 10 (room/storage/migrations.ts), with the checkpoints' index. Never edit
 * once shipped. IF NOT EXISTS: a storage rebuilt by hand to an older version (tests drop
 * an older step's tables only) may already hold these.
 */
export function timelineTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS timeline (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    data TEXT NOT NULL
  )`);
  sql.exec(
    'CREATE TABLE IF NOT EXISTS timeline_omitted (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)',
  );
  sql.exec(`CREATE TABLE IF NOT EXISTS history_checkpoints (
    seq INTEGER PRIMARY KEY,
    bytes INTEGER NOT NULL,
    r2_key TEXT NOT NULL
  )`);
}

/** A row's `data`: the event without its time and author. */
type Stored =
  | { type: 'file'; action: FileOp['action']; path: string; from: string | null }
  | LanguageData
  | RestoreData
  | { type: 'stdin'; runId: string; data: string }
  | { type: 'terminal'; terminalId: string; stream: 'input' | 'output'; data: string };
type LanguageData = { type: 'language'; from: string; to: string };
/** A restore (restore/restore.ts): the moment restored to, and the one just before the restore. */
type RestoreData = { type: 'restore'; to: number; from: number };

interface Row extends Record<string, SqlStorageValue> {
  at: number;
  name: string;
  role: string;
  data: string;
}

export class Timeline {
  readonly #sql: SqlStorage;
  readonly #cap: number;

  constructor(sql: SqlStorage, cap = TIMELINE_MAX_ROWS) {
    this.#sql = sql;
    this.#cap = cap;
  }

  file(who: PlaybackPerson, op: FileOp, at: number): void {
    this.#add(who, { type: 'file', ...op }, at);
  }

  language(who: PlaybackPerson, from: string, to: string, at: number): void {
    this.#add(who, { type: 'language', from, to }, at);
  }

  restore(who: PlaybackPerson, to: number, from: number, at: number): void {
    this.#add(who, { type: 'restore', to, from }, at);
  }

  /** Someone typed into an interactive run (interactive/runStreams.ts). */
  stdin(who: PlaybackPerson, runId: string, data: string, at: number): void {
    this.#add(who, { type: 'stdin', runId, data }, at);
  }

  /** The shared terminal's input or output (terminal/recorder.ts batches it into rows). */
  terminal(who: PlaybackPerson, terminalId: string, stream: 'input' | 'output', data: string, at: number): void {
    this.#add(who, { type: 'terminal', terminalId, stream, data }, at);
  }

  /**
   * Who, of `role`, did something the room was asked over HTTP (which carries a role,
   * not a name): the newest of that role still connected, else the newest who joined.
   */
  personOf(role: Role): PlaybackPerson {
    const row = this.#sql
      .exec<{ name: string }>(
        'SELECT name FROM join_log WHERE role = ? ORDER BY left_at IS NOT NULL, seq DESC LIMIT 1',
        role,
      )
      .toArray()[0];
    return { name: row?.name ?? role, role };
  }

  /** Every kept event, oldest first, and how many were only counted. */
  read(): { events: PlaybackEvent[]; omitted: number } {
    const events = this.#sql
      .exec<Row>('SELECT at, name, role, data FROM timeline ORDER BY seq')
      .toArray()
      .map((row): PlaybackEvent => {
        // Our own rows, written by #add from typed values.
        const data = JSON.parse(row.data) as Stored;
        const who = { name: row.name, role: row.role as PlaybackPerson['role'] };
        return { ...data, at: row.at, who };
      });
    const omitted =
      this.#sql.exec<{ count: number }>('SELECT count FROM timeline_omitted WHERE id = 1').toArray()[0]?.count ?? 0;
    return { events, omitted };
  }

  #add(who: PlaybackPerson, data: Stored, at: number): void {
    const kept = this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM timeline').one().n;
    if (kept >= this.#cap) {
      this.#sql.exec(
        'INSERT INTO timeline_omitted (id, count) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET count = count + 1',
      );
      return;
    }
    this.#sql.exec(
      'INSERT INTO timeline (at, name, role, data) VALUES (?, ?, ?, ?)',
      at,
      who.name,
      who.role,
      JSON.stringify(data),
    );
  }
}
