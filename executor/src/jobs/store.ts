/**
 * Jobs by id, kept a while after they finish for GET /v1/jobs/:id.
 */
import type { JobRequest, JobResult } from '../api';
import { MAX_KEPT_RESULTS, RESULT_TTL_MS } from '../limits';

export interface JobRecord {
  id: string;
  request: JobRequest;
  result: JobResult;
  finishedAt: number | null;
  /** Resolves when the job finishes (for ?wait=true). */
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
    truncated: false,
  };
}

export class JobStore {
  readonly #jobs = new Map<string, JobRecord>();

  create(id: string, request: JobRequest): JobRecord {
    this.#evict();
    let resolve!: (result: JobResult) => void;
    const done = new Promise<JobResult>((r) => {
      resolve = r;
    });
    const record: JobRecord = {
      id,
      request,
      result: emptyResult(id, request.requestId ?? null),
      finishedAt: null,
      done,
      resolve: (result) => {
        record.result = result;
        record.finishedAt = Date.now();
        resolve(result);
      },
    };
    this.#jobs.set(id, record);
    return record;
  }

  get(id: string): JobRecord | undefined {
    return this.#jobs.get(id);
  }

  has(id: string): boolean {
    return this.#jobs.has(id);
  }

  /** Drops finished jobs past their time, and the oldest finished past the count bound. */
  #evict(): void {
    const now = Date.now();
    for (const [id, job] of this.#jobs) {
      if (job.finishedAt !== null && now - job.finishedAt > RESULT_TTL_MS) this.#jobs.delete(id);
    }
    if (this.#jobs.size < MAX_KEPT_RESULTS) return;
    for (const [id, job] of this.#jobs) {
      if (job.finishedAt !== null) this.#jobs.delete(id);
      if (this.#jobs.size < MAX_KEPT_RESULTS) break;
    }
  }
}
