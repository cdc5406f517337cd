/**
 * A room's recent runs, with their output, in the Durable Object's SQLite: what a
 * late joiner is replayed, and the state each executor event advances.
 */
import { RUN_HISTORY } from '../limits';
import type { Run } from './messages';

export interface StoredRun {
  run: Run;
  /** The next event number expected from the executor. */
  nextSeq: number;
  jobId: string | null;
}

interface Row extends Record<string, SqlStorageValue> {
  data: string;
  next_seq: number;
  job_id: string | null;
}

export class RunStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  get(runId: string): StoredRun | null {
    const row = this.#sql.exec<Row>('SELECT data, next_seq, job_id FROM runs WHERE run_id = ?', runId).toArray()[0];
    return row ? { run: JSON.parse(row.data) as Run, nextSeq: row.next_seq, jobId: row.job_id } : null;
  }

  save({ run, nextSeq, jobId }: StoredRun): void {
    this.#sql.exec(
      `INSERT INTO runs (run_id, created_at, state, next_seq, job_id, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, next_seq = excluded.next_seq,
         job_id = excluded.job_id, data = excluded.data`,
      run.runId,
      run.createdAt,
      run.state,
      nextSeq,
      jobId,
      JSON.stringify(run),
    );
    // Keep the newest RUN_HISTORY runs; older ones live on in D1 and R2.
    this.#sql.exec(
      'DELETE FROM runs WHERE run_id NOT IN (SELECT run_id FROM runs ORDER BY created_at DESC LIMIT ?)',
      RUN_HISTORY,
    );
  }

  /** Oldest first. */
  recent(): Run[] {
    return this.#sql
      .exec<Row>('SELECT data, next_seq, job_id FROM runs ORDER BY created_at ASC')
      .toArray()
      .map((row) => JSON.parse(row.data) as Run);
  }

  unfinished(): StoredRun[] {
    return this.#sql
      .exec<Row>("SELECT data, next_seq, job_id FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at")
      .toArray()
      .map((row) => ({ run: JSON.parse(row.data) as Run, nextSeq: row.next_seq, jobId: row.job_id }));
  }

  countSince(since: number): number {
    return this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE created_at > ?', since).one().n;
  }
}
