/**
 * Where a room's runs are kept. The place of record is the room's own SQLite (one row
 * per run, output included, every run the room ever had); D1 holds an index row per
 * run (room, state, verdict, times, no output) so `GET /api/runs/:id` can find the room.
 * The SQLite write is synchronous, so it is durable before any broadcast that follows
 * it (the output gate); the index follows in order, off the events' path.
 */
import { RUN_ROW_MAX_BYTES } from '../limits';
import type { RunRecord } from './record';
import type { Run } from './run';

interface Row extends Record<string, SqlStorageValue> {
  data: string;
  next_seq: number;
  job_id: string | null;
  held: string;
}

// Our own rows, written only by save() from typed values: read back without re-validating
// (a joiner's history would otherwise parse up to RUN_HISTORY large outputs per connect).
const fromRow = (row: Row): RunRecord => ({
  run: JSON.parse(row.data) as Run,
  nextSeq: row.next_seq,
  jobId: row.job_id,
  held: JSON.parse(row.held) as RunRecord['held'],
});

export class RunRepository {
  readonly #sql: SqlStorage;
  readonly #db: D1Database;
  readonly #roomId: () => string;
  readonly #waitUntil: (promise: Promise<unknown>) => void;
  #indexWrites: Promise<unknown> = Promise.resolve();

  constructor(sql: SqlStorage, db: D1Database, roomId: () => string, waitUntil: (promise: Promise<unknown>) => void) {
    this.#sql = sql;
    this.#db = db;
    this.#roomId = roomId;
    this.#waitUntil = waitUntil;
  }

  get(runId: string): RunRecord | null {
    const row = this.#sql
      .exec<Row>('SELECT data, next_seq, job_id, held FROM runs WHERE run_id = ?', runId)
      .toArray()[0];
    return row ? fromRow(row) : null;
  }

  save(record: RunRecord): void {
    const { run } = record;
    const data = JSON.stringify(run);
    const held = JSON.stringify(record.held);
    const bytes = new TextEncoder().encode(data).byteLength + new TextEncoder().encode(held).byteLength;
    if (bytes > RUN_ROW_MAX_BYTES) {
      // The caps in output.ts and the held-event bound make this unreachable; if it is
      // reached, say which bound failed rather than let SQLite refuse a 2 MB row.
      throw new Error(
        `run ${run.runId}: its row would be ${bytes} bytes, over RUN_ROW_MAX_BYTES (${RUN_ROW_MAX_BYTES}); ` +
          'lower RUN_STORED_OUTPUT_BYTES, RUN_MAX_DIAGNOSTIC_BYTES or RUN_HELD_EVENT_BYTES',
      );
    }
    const before = this.#sql.exec<{ state: string }>('SELECT state FROM runs WHERE run_id = ?', run.runId).toArray()[0];
    this.#sql.exec(
      `INSERT INTO runs (run_id, created_at, state, next_seq, job_id, data, held) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, next_seq = excluded.next_seq,
         job_id = excluded.job_id, data = excluded.data, held = excluded.held`,
      run.runId,
      run.createdAt,
      run.state,
      record.nextSeq,
      record.jobId,
      data,
      held,
    );
    // The index says nothing about output: it changes only with the state.
    if (before?.state !== run.state) this.#index(run);
  }

  /** A run's record as stored, for `GET /api/runs/:id`. */
  run(runId: string): Run | null {
    return this.get(runId)?.run ?? null;
  }

  /** The newest `limit` runs, oldest first: what a joiner is sent. */
  recent(limit: number): Run[] {
    return this.#sql
      .exec<Row>('SELECT data, next_seq, job_id, held FROM runs ORDER BY created_at DESC LIMIT ?', limit)
      .toArray()
      .map((row) => fromRow(row).run)
      .reverse();
  }

  /** Runs still queued or running, oldest first. */
  open(): RunRecord[] {
    return this.#sql
      .exec<Row>(
        "SELECT data, next_seq, job_id, held FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at",
      )
      .toArray()
      .map(fromRow);
  }

  countSince(since: number): number {
    return this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE created_at > ?', since).one().n;
  }

  /** D1 index writes in order: an older state must not overtake a newer one. */
  #index(run: Run): void {
    const roomId = this.#roomId();
    const finished = run.state === 'finished' ? run : null;
    const failed = run.state === 'failed' ? run : null;
    const write = () =>
      this.#db
        .prepare(
          `INSERT INTO runs (id, room_id, started_by_name, started_by_role, language, path, state, verdict, error,
             exit_code, time_ms, memory_kb, created_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, verdict = excluded.verdict, error = excluded.error,
             exit_code = excluded.exit_code, time_ms = excluded.time_ms, memory_kb = excluded.memory_kb,
             finished_at = excluded.finished_at`,
        )
        .bind(
          run.runId,
          roomId,
          run.startedBy.name,
          run.startedBy.role,
          run.language,
          run.path,
          run.state,
          finished?.verdict ?? null,
          failed?.error ?? null,
          finished?.exitCode ?? null,
          finished?.timeMs ?? null,
          finished?.memoryKb ?? null,
          run.createdAt,
          (finished ?? failed)?.finishedAt ?? null,
        )
        .run();
    this.#indexWrites = this.#indexWrites.then(write, write);
    this.#waitUntil(this.#indexWrites);
  }
}
