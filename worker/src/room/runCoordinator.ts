/**
 * Runs in a room: one at a time, from the files everyone sees, to the executor and
 * back. Each executor event advances the run in order of `seq` (duplicates dropped,
 * early ones held), is broadcast to the room, and is stored; a run that stops hearing
 * from the executor is checked on by alarm and failed in words people understand.
 */
import type { JobEvent, JobResult } from '@codesync/executor/api';
import { LANGUAGES } from '@codesync/executor/languages';
import type { Role } from '../auth/roles';
import type { Env } from '../env';
import { RUN_CHECK_INTERVAL_MS, RUN_DEADLINE_MS, RUN_OUTPUT_KB, RUNS_PER_ROOM_PER_MINUTE } from '../limits';
import type { FileContent } from './doc';
import { lookupJob, postJob } from './executorClient';
import { queuedRun, type Run, type RunRequest, type ServerMessage } from './messages';
import type { RoomRecord } from './roomMeta';
import type { RunStore, StoredRun } from './runStore';

export interface RunHost {
  env: Env;
  record(): RoomRecord;
  files(): FileContent[];
  /** To every connection that asked for room messages (not after the room ended). */
  broadcast(message: ServerMessage): void;
  scheduleCheck(at: number): Promise<void>;
  waitUntil(promise: Promise<unknown>): void;
}

export type StartResult =
  | { ok: true; runId: string }
  | {
      ok: false;
      status: 400 | 409 | 429;
      code: 'no_such_file' | 'run_in_progress' | 'rate_limited' | 'room_ended';
      message: string;
    };

export const runOutputKey = (roomId: string, runId: string) => `rooms/${roomId}/runs/${runId}.json`;

export class RunCoordinator {
  /** Events that arrived ahead of their turn, by run and seq (lost on eviction; the check recovers). */
  readonly #early = new Map<string, Map<number, JobEvent>>();
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: RunStore,
    private readonly host: RunHost,
  ) {}

  async start(by: { name: string; role: Role }, request: RunRequest, origin: string): Promise<StartResult> {
    const record = this.host.record();
    if (record.status !== 'active') {
      return { ok: false, status: 409, code: 'room_ended', message: 'The interview has ended; nothing can run now.' };
    }
    if (this.store.unfinished().length > 0) {
      return {
        ok: false,
        status: 409,
        code: 'run_in_progress',
        message: 'A run is already in progress; wait for it to finish.',
      };
    }
    if (this.store.countSince(Date.now() - 60_000) >= RUNS_PER_ROOM_PER_MINUTE) {
      return {
        ok: false,
        status: 429,
        code: 'rate_limited',
        message: `This room can run code ${RUNS_PER_ROOM_PER_MINUTE} times a minute; try again shortly.`,
      };
    }
    const files = this.host.files();
    const path = request.path ?? LANGUAGES[record.language].entry;
    if (!files.some((f) => f.path === path)) {
      return { ok: false, status: 400, code: 'no_such_file', message: `There is no file named ${path} to run.` };
    }

    const runId = crypto.randomUUID();
    const run = queuedRun({
      runId,
      startedBy: by,
      language: record.language,
      path,
      stdin: request.stdin ?? '',
      createdAt: Date.now(),
    });
    const stored: StoredRun = { run, nextSeq: 0, jobId: null };
    this.store.save(stored);
    this.host.broadcast({ type: 'run.queued', run });
    this.#write(() =>
      this.host.env.DB.prepare(
        `INSERT INTO runs (id, room_id, started_by_name, started_by_role, language, path, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      )
        .bind(runId, record.roomId, by.name, by.role, run.language, path, run.createdAt)
        .run(),
    );

    const base = this.host.env.PUBLIC_URL ?? origin;
    const outcome = await postJob(this.host.env, {
      language: record.language,
      files,
      entry: path,
      stdin: run.stdin,
      limits: { outputKb: RUN_OUTPUT_KB },
      analyze: true,
      callbackUrl: `${base}/internal/runs/${runId}/events`,
      // Signed with every event: ties the event to this room and run.
      requestId: `${record.roomId}:${runId}`,
    });
    switch (outcome.kind) {
      case 'accepted': {
        const current = this.store.get(runId);
        if (current) this.store.save({ ...current, jobId: outcome.jobId });
        await this.host.scheduleCheck(Date.now() + RUN_CHECK_INTERVAL_MS);
        break;
      }
      case 'busy':
        this.#fail(runId, 'executor_busy', outcome.message, outcome.retryAfterS);
        break;
      case 'refused':
        this.#fail(runId, 'executor_refused', `The code runner refused this run: ${outcome.message}`);
        break;
      case 'unreachable':
        this.#fail(runId, 'executor_unreachable', outcome.message);
        break;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(unreachable)}`);
      }
    }
    return { ok: true, runId };
  }

  /** One event from the executor, already verified as signed. */
  onEvent(runId: string, event: JobEvent): void {
    let stored = this.store.get(runId);
    if (!stored) return;
    // A closed run still takes its analysis (it follows `finished`); anything else is late.
    const closed = stored.run.state === 'finished' || stored.run.state === 'failed';
    if (closed && event.type !== 'analysis') return;
    if (event.seq < stored.nextSeq) return; // a retry of what we already have
    if (event.seq > stored.nextSeq) {
      const early = this.#early.get(runId) ?? new Map<number, JobEvent>();
      early.set(event.seq, event);
      this.#early.set(runId, early);
      return;
    }
    stored = this.#apply(stored, event);
    const early = this.#early.get(runId);
    for (let next = early?.get(stored.nextSeq); next; next = early?.get(stored.nextSeq)) {
      early?.delete(next.seq);
      stored = this.#apply(stored, next);
    }
    if (early?.size === 0) this.#early.delete(runId);
    this.store.save(stored);
  }

  /** The alarm: ask the executor about each unfinished run; fail what cannot finish. */
  async check(): Promise<void> {
    for (const { run, jobId } of this.store.unfinished()) {
      if (Date.now() - run.createdAt > RUN_DEADLINE_MS) {
        this.#fail(run.runId, 'timed_out', 'The run did not finish in time and was stopped.');
        continue;
      }
      if (!jobId) continue; // still being posted
      const outcome = await lookupJob(this.host.env, jobId);
      if (outcome.kind === 'unreachable') {
        this.#fail(
          run.runId,
          'executor_unreachable',
          'The code runner stopped answering during this run. Run it again.',
        );
      } else if (outcome.kind === 'missing') {
        this.#fail(run.runId, 'executor_unreachable', 'The code runner lost this run (it restarted). Run it again.');
      } else if (outcome.result.status === 'finished') {
        // Its events were lost on the way; the result itself is enough.
        const stored = this.store.get(run.runId);
        if (stored) this.store.save(this.#finish(stored, outcome.result));
      }
    }
    if (this.store.unfinished().length > 0) await this.host.scheduleCheck(Date.now() + RUN_CHECK_INTERVAL_MS);
  }

  #apply(stored: StoredRun, event: JobEvent): StoredRun {
    const run = { ...stored.run };
    const next = { ...stored, run, nextSeq: event.seq + 1 };
    switch (event.type) {
      case 'started':
        run.state = 'running';
        run.startedAt = Date.now();
        this.host.broadcast({ type: 'run.started', runId: run.runId, seq: event.seq, state: 'running' });
        return next;
      case 'output': {
        const last = run.output.at(-1);
        run.output =
          last?.stream === event.stream
            ? [...run.output.slice(0, -1), { stream: event.stream, data: last.data + event.data }]
            : [...run.output, { stream: event.stream, data: event.data }];
        this.host.broadcast({
          type: 'run.output',
          runId: run.runId,
          seq: event.seq,
          state: 'running',
          stream: event.stream,
          data: event.data,
        });
        return next;
      }
      case 'finished':
        return this.#finish(next, event.result, event.seq);
      case 'analysis':
        run.diagnostics = event.diagnostics;
        this.host.broadcast({ type: 'run.analysis', runId: run.runId, seq: event.seq, diagnostics: event.diagnostics });
        this.#persist(run);
        return next;
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unreachable)}`);
      }
    }
  }

  #finish(stored: StoredRun, result: JobResult, seq = stored.nextSeq): StoredRun {
    const run: Run = {
      ...stored.run,
      state: 'finished',
      startedAt: stored.run.startedAt ?? Date.now(),
      finishedAt: Date.now(),
      verdict: result.verdict,
      exitCode: result.exitCode,
      signal: result.signal,
      timeMs: result.timeMs,
      memoryKb: result.memoryKb,
      truncated: result.truncated,
      diagnostics: result.analysis ?? stored.run.diagnostics,
    };
    // The result is the whole truth about output: rebuild it if chunks went missing.
    const streamed = run.output.map((o) => o.data).join('');
    const whole = result.compileOutput + result.stdout + result.stderr;
    if (streamed.length !== whole.length) {
      run.output = [
        ...(result.compileOutput ? [{ stream: 'compile' as const, data: result.compileOutput }] : []),
        ...(result.stdout ? [{ stream: 'stdout' as const, data: result.stdout }] : []),
        ...(result.stderr ? [{ stream: 'stderr' as const, data: result.stderr }] : []),
      ];
    }
    this.host.broadcast({ type: 'run.finished', runId: run.runId, seq, state: 'finished', run });
    this.#persist(run);
    return { ...stored, run };
  }

  #fail(runId: string, error: NonNullable<Run['error']>, message: string, retryAfterS: number | null = null): void {
    const stored = this.store.get(runId);
    if (!stored) return;
    const run: Run = { ...stored.run, state: 'failed', finishedAt: Date.now(), error, message, retryAfterS };
    this.store.save({ ...stored, run });
    this.host.broadcast({ type: 'run.failed', runId, state: 'failed', run });
    this.#persist(run);
  }

  /**
   * Storage writes, off the events' critical path but in order: a run's UPDATE must
   * not overtake its INSERT, nor an older state a newer one.
   */
  #write(next: () => Promise<unknown>): void {
    this.#writes = this.#writes.then(next, next);
    this.host.waitUntil(this.#writes);
  }

  /** D1 row and the full run (output included) in R2. */
  #persist(run: Run): void {
    const { env } = this.host;
    const roomId = this.host.record().roomId;
    this.#write(() =>
      Promise.all([
        env.DB.prepare(
          `UPDATE runs SET state = ?, verdict = ?, error = ?, exit_code = ?, time_ms = ?, memory_kb = ?, finished_at = ?
           WHERE id = ?`,
        )
          .bind(run.state, run.verdict, run.error, run.exitCode, run.timeMs, run.memoryKb, run.finishedAt, run.runId)
          .run(),
        env.SNAPSHOTS.put(runOutputKey(roomId, run.runId), JSON.stringify(run), {
          httpMetadata: { contentType: 'application/json' },
        }),
      ]),
    );
  }
}
