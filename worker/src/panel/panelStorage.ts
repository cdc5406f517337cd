/**
 * The panel's SQLite, in its own Durable Object (PanelDO): the notes doc as a snapshot
 * plus an update log (the room's own log code, room/storage/documentLog.ts, on tables of
 * the same shape) and the integrity signals. Versioned like the room's tables: a step
 * runs once, never edited after it shipped.
 *
 * Unlike the room's, the panel's log keeps no history: a compaction deletes the rows
 * it covers.
 */

import { SqliteDocumentLog } from '../room/storage/documentLog';
import { migrate } from '../room/storage/migrations';
import type { Signal, SignalReport } from './signals';

const STEPS: readonly ((sql: SqlStorage) => void)[] = [
  // 1: the notes doc and the signals.
  (sql) => {
    sql.exec(`CREATE TABLE doc_snapshot (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data BLOB NOT NULL,
      upto_seq INTEGER NOT NULL DEFAULT 0
    )`);
    sql.exec(`CREATE TABLE doc_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      data BLOB NOT NULL,
      at INTEGER NOT NULL,
      conn_id TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL
    )`);
    sql.exec(`CREATE TABLE signals (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      data TEXT NOT NULL
    )`);
  },
];

export function migratePanel(storage: DurableObjectStorage): void {
  migrate(storage, STEPS);
}

export class PanelLog extends SqliteDocumentLog {
  constructor(private readonly storage: DurableObjectStorage) {
    super(storage);
  }

  override compact(snapshot: Uint8Array): void {
    super.compact(snapshot);
    this.storage.sql.exec('DELETE FROM doc_updates WHERE seq <= (SELECT upto_seq FROM doc_snapshot WHERE id = 1)');
  }
}

export class SignalStore {
  constructor(private readonly sql: SqlStorage) {}

  count(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM signals').one().n;
  }

  add(report: SignalReport, by: Signal['by'], at: number): Signal {
    const row = this.sql
      .exec<{ seq: number }>(
        'INSERT INTO signals (at, data) VALUES (?, ?) RETURNING seq',
        at,
        JSON.stringify({ ...report, by }),
      )
      .one();
    return { ...report, by, seq: row.seq, at };
  }

  all(): Signal[] {
    return this.sql
      .exec<{ seq: number; at: number; data: string }>('SELECT seq, at, data FROM signals ORDER BY seq')
      .toArray()
      .map((row) => ({ ...(JSON.parse(row.data) as SignalReport & Pick<Signal, 'by'>), seq: row.seq, at: row.at }));
  }
}
