/**
 * Who joined the room and left it, and when: one row per socket, kept in the room's
 * SQLite so it outlives hibernation, restarts and the end of the room, for the report.
 * Bounded: the first JOIN_LOG_MAX_ROWS joins are kept (the interview's start is what a
 * report must show), later ones are counted, so a reconnect loop cannot grow storage.
 *
 * @example
 * const log = new JoinLog(ctx.storage.sql);
 * log.joined({ connId, name, role, joinedAt: Date.now() });
 * log.left(connId, Date.now());
 * log.read(); // {entries: [{connId, name, role, joinedAt, leftAt}], omitted: 0}
 */
import type { Role } from '../auth/roles';
import { JOIN_LOG_MAX_ROWS } from '../limits';

export interface JoinEntry {
  connId: string;
  name: string;
  role: Role;
  joinedAt: number;
  /** Null while the socket is open, or when the room stopped without seeing it close. */
  leftAt: number | null;
}

export interface JoinLogView {
  entries: JoinEntry[];
  /** Joins past JOIN_LOG_MAX_ROWS, counted but not kept. */
  omitted: number;
}

/** Migration step 7 (storage/migrations.ts). Never edit once shipped: add a step. */
export function joinLogTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE join_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    conn_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    left_at INTEGER
  )`);
  sql.exec('CREATE TABLE join_log_omitted (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)');
}

interface Row extends Record<string, SqlStorageValue> {
  conn_id: string;
  name: string;
  role: string;
  joined_at: number;
  left_at: number | null;
}

export class JoinLog {
  readonly #sql: SqlStorage;
  readonly #cap: number;

  constructor(sql: SqlStorage, cap = JOIN_LOG_MAX_ROWS) {
    this.#sql = sql;
    this.#cap = cap;
  }

  joined(entry: Omit<JoinEntry, 'leftAt'>): void {
    const kept = this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM join_log').one().n;
    if (kept >= this.#cap) {
      this.#sql.exec(
        'INSERT INTO join_log_omitted (id, count) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET count = count + 1',
      );
      return;
    }
    this.#sql.exec(
      'INSERT INTO join_log (conn_id, name, role, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT (conn_id) DO NOTHING',
      entry.connId,
      entry.name,
      entry.role,
      entry.joinedAt,
    );
  }

  /** The first leave counts: a socket the room closed may report its close again. */
  left(connId: string, at: number): void {
    this.#sql.exec('UPDATE join_log SET left_at = ? WHERE conn_id = ? AND left_at IS NULL', at, connId);
  }

  /** Everyone still here leaves at `at` (the room ended and closed every socket). */
  allLeft(at: number): void {
    this.#sql.exec('UPDATE join_log SET left_at = ? WHERE left_at IS NULL', at);
  }

  read(): JoinLogView {
    const entries = this.#sql
      .exec<Row>('SELECT conn_id, name, role, joined_at, left_at FROM join_log ORDER BY seq')
      .toArray()
      .map((row) => ({
        connId: row.conn_id,
        name: row.name,
        role: row.role as Role,
        joinedAt: row.joined_at,
        leftAt: row.left_at,
      }));
    const omitted =
      this.#sql.exec<{ count: number }>('SELECT count FROM join_log_omitted WHERE id = 1').toArray()[0]?.count ?? 0;
    return { entries, omitted };
  }
}
