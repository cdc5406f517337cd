/**
 * The in-process queue: at most `concurrency` jobs run at once, at most `maxQueue`
 * wait; past that a job is refused (503 + Retry-After) rather than queued forever.
 * A waiting job is told its place in line (1 is next) when it starts waiting and each
 * time it moves up, so the room can show it (issue 19). Terminal jobs hold their slot for
 * up to an hour, so at most `terminals` of them are queued or running at once (fewer than
 * `concurrency`: runs always keep a slot); one more is refused at once (SPEC TERM14).
 */
import type { Job } from '../jobs/store';
import { MAX_JOBS_PER_TENANT } from '../limits';
import { type JobQueue, QueueFullError, TerminalsFullError, tenantOf } from './queue';

export class MemoryQueue implements JobQueue {
  readonly #waiting: Job[] = [];
  #running = 0;
  #closed = false;
  readonly #idle: (() => void)[] = [];
  /** Jobs queued or running per tenant (queue.ts tenantOf). */
  readonly #perTenant = new Map<string, number>();
  /** The place each waiting job was last told. */
  readonly #told = new Map<string, number>();
  /** Terminal jobs queued or running. */
  #terminals = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
    /** Runs a job; it calls `free` once the verdict is out (the analysis after it needs no slot). */
    private readonly run: (job: Job, free: () => void) => Promise<unknown>,
    private readonly onWaiting: (job: Job, position: number) => void = () => {},
    /** At most this many terminal jobs queued or running (EXECUTOR_TERMINAL_CONCURRENCY). */
    private readonly terminals: number = Math.max(0, concurrency - 1),
  ) {}

  async submit(job: Job): Promise<void> {
    if (this.#closed) throw new QueueFullError(5);
    if (job.request.terminal && this.#terminals >= this.terminals) throw new TerminalsFullError(this.terminals);
    if (this.#running >= this.concurrency && this.#waiting.length >= this.maxQueue) {
      // A rough wait: one typical run per queued job per slot.
      throw new QueueFullError(Math.max(1, Math.ceil(this.#waiting.length / this.concurrency)));
    }
    const tenant = tenantOf(job);
    if (tenant !== null) {
      const held = this.#perTenant.get(tenant) ?? 0;
      if (held >= MAX_JOBS_PER_TENANT) throw new QueueFullError(2, 'tenant');
      this.#perTenant.set(tenant, held + 1);
    }
    if (job.request.terminal) this.#terminals += 1;
    this.#waiting.push(job);
    this.#next();
  }

  /** Tells every waiting job whose place changed; at most maxQueue of them. */
  #announce(): void {
    this.#waiting.forEach((job, i) => {
      if (this.#told.get(job.id) === i + 1) return;
      this.#told.set(job.id, i + 1);
      this.onWaiting(job, i + 1);
    });
  }

  depth(): number {
    return this.#waiting.length;
  }

  running(): number {
    return this.#running;
  }

  /** Terminal jobs queued or running. */
  terminalsHeld(): number {
    return this.#terminals;
  }

  /** Stops taking jobs and waits for the running ones. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#running === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #next(): void {
    while (this.#running < this.concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift() as Job;
      this.#told.delete(job.id);
      this.#running += 1;
      // Freed once: when the verdict is out, or when the job ends, whichever is first.
      let freed = false;
      const free = () => {
        if (freed) return;
        freed = true;
        this.#running -= 1;
        if (job.request.terminal) this.#terminals -= 1;
        const tenant = tenantOf(job);
        if (tenant !== null) {
          const left = (this.#perTenant.get(tenant) ?? 1) - 1;
          if (left > 0) this.#perTenant.set(tenant, left);
          else this.#perTenant.delete(tenant);
        }
        if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
        this.#next();
      };
      this.run(job, free)
        .catch((error: Error) => console.error('job crashed', { jobId: job.id, error: error.message }))
        .finally(free);
    }
    this.#announce();
  }
}
