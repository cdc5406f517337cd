/**
 * The one owner of job state: every job's request, where it is (queued, running,
 * finished) and its result. Queues, the runner and the routes hold ids and read-only
 * views; they change a job only through `start` and `finish` here. Finished jobs are
 * kept a while for GET /v1/jobs/:id.
 *
 * @example
 * const job = store.create(id, request);
 * store.start(job.id);
 * store.finish(job.id, result); // store.done(job.id) resolves with it
 */
import type { JobRequest, JobResult } from '../api';
import { MAX_KEPT_RESULT_BYTES, MAX_KEPT_RESULTS, RESULT_TTL_MS } from '../limits';

/** What others may see of a job: its id and what was asked. */
export interface Job {
  readonly id: string;
  readonly request: JobRequest;
}

type JobState =
  | { status: 'queued' }
  | { status: 'running' }
  | { status: 'finished'; result: JobResult; finishedAt: number; bytes: number };

interface Entry {
  job: Job;
  state: JobState;
  /** When this store took the job (unix ms): its queue wait and latency count from here. */
  acceptedAt: number;
  done: Promise<JobResult>;
  resolve(result: JobResult): void;
}

export function emptyResult(id: string, requestId: string | null): JobResult {
  return {
    id,
    requestId,
    status: 'queued',
    verdict: null,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    compileOutput: '',
    timeMs: null,
    memoryKb: null,
    compileTimeMs: null,
    compileMemoryKb: null,
    truncated: false,
  };
}

/** Roughly what a finished job keeps in memory: its request's text and its result's. */
function sizeOf(request: JobRequest, result: JobResult): number {
  const files = request.files.reduce((n, f) => n + f.content.length, 0);
  const cases = (request.tests ?? []).reduce((n, c) => n + c.stdin.length + c.expected.length, 0);
  const caseOutput = (result.tests ?? []).reduce((n, t) => n + t.stdout.length + t.stderr.length, 0);
  return (
    files +
    cases +
    caseOutput +
    (request.stdin?.length ?? 0) +
    result.stdout.length +
    result.stderr.length +
    result.compileOutput.length
  );
}

export class JobStore {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  create(id: string, request: JobRequest): Job {
    this.#evict();
    let resolve!: (result: JobResult) => void;
    const done = new Promise<JobResult>((r) => {
      resolve = r;
    });
    const job: Job = Object.freeze({ id, request });
    this.#entries.set(id, { job, state: { status: 'queued' }, done, resolve, acceptedAt: Date.now() });
    return job;
  }

  get(id: string): Job | undefined {
    return this.#entries.get(id)?.job;
  }

  /** When the job was accepted (unix ms), for the queue-wait and latency figures (metrics.ts). */
  acceptedAt(id: string): number | undefined {
    return this.#entries.get(id)?.acceptedAt;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The job's result as it stands: empty while queued or running. */
  result(id: string): JobResult | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    const { state, job } = entry;
    switch (state.status) {
      case 'queued':
      case 'running':
        return { ...emptyResult(id, job.request.requestId ?? null), status: state.status };
      case 'finished':
        return state.result;
      default: {
        const unknown: never = state;
        throw new Error(`unknown job state ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Resolves with the result once the job finishes (for ?wait=true). */
  done(id: string): Promise<JobResult> {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`no job ${id} in the store`);
    return entry.done;
  }

  start(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.state.status === 'queued') entry.state = { status: 'running' };
  }

  /** Records the result once; a second finish (a redelivered job) changes nothing. */
  finish(id: string, result: JobResult): void {
    const entry = this.#entries.get(id);
    if (!entry || entry.state.status === 'finished') return;
    const bytes = sizeOf(entry.job.request, result);
    entry.state = { status: 'finished', result, finishedAt: Date.now(), bytes };
    this.#bytes += bytes;
    this.#evict();
    entry.resolve(result);
  }

  /** Forgets a job that was never accepted (its queue refused it). */
  discard(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.state.status === 'queued') this.#entries.delete(id);
  }

  /** Jobs held, and the bytes the finished ones hold. */
  stats(): { jobs: number; bytes: number } {
    return { jobs: this.#entries.size, bytes: this.#bytes };
  }

  /**
   * Drops finished jobs past their time, then the oldest finished ones while over the
   * count or the byte bound (a few chatty jobs must not hold the executor's memory).
   */
  #evict(): void {
    const now = Date.now();
    for (const [id, { state }] of this.#entries) {
      if (state.status !== 'finished') continue;
      const expired = now - state.finishedAt > RESULT_TTL_MS;
      const over = this.#entries.size >= MAX_KEPT_RESULTS || this.#bytes > MAX_KEPT_RESULT_BYTES;
      if (expired || over) {
        this.#entries.delete(id);
        this.#bytes -= state.bytes;
      }
    }
  }
}
