/**
 * Jobs by id, kept a while after they finish for GET /v1/jobs/:id.
 */
import type { JobRequest, JobResult } from '../api';
import { MAX_KEPT_RESULT_BYTES, MAX_KEPT_RESULTS, RESULT_TTL_MS } from '../limits';

export interface JobRecord {
  id: string;
  request: JobRequest;
  result: JobResult;
  finishedAt: number | null;
  /** What the record holds in memory once finished (request and result text). */
  bytes: number;
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

/** Roughly what a finished job keeps in memory: its request's text and its result's. */
function sizeOf(request: JobRequest, result: JobResult): number {
  const files = request.files.reduce((n, f) => n + f.content.length, 0);
  return (
    files + (request.stdin?.length ?? 0) + result.stdout.length + result.stderr.length + result.compileOutput.length
  );
}

export class JobStore {
  readonly #jobs = new Map<string, JobRecord>();
  #bytes = 0;

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
      bytes: 0,
      done,
      resolve: (result) => {
        record.result = result;
        record.finishedAt = Date.now();
        record.bytes = sizeOf(request, result);
        this.#bytes += record.bytes;
        this.#evict();
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

  /** Finished jobs held, and the bytes they hold. */
  stats(): { jobs: number; bytes: number } {
    return { jobs: this.#jobs.size, bytes: this.#bytes };
  }

  /**
   * Drops finished jobs past their time, then the oldest finished ones while over the
   * count or the byte bound (a few chatty jobs must not hold the executor's memory).
   */
  #evict(): void {
    const now = Date.now();
    for (const [id, job] of this.#jobs) {
      const expired = job.finishedAt !== null && now - job.finishedAt > RESULT_TTL_MS;
      const over = this.#jobs.size >= MAX_KEPT_RESULTS || this.#bytes > MAX_KEPT_RESULT_BYTES;
      if (job.finishedAt !== null && (expired || over)) this.#drop(id, job);
    }
  }

  #drop(id: string, job: JobRecord): void {
    this.#jobs.delete(id);
    this.#bytes -= job.bytes;
  }
}
