/**
 * Where accepted jobs wait. In-process by default (memory.ts); Amazon SQS in cluster
 * mode (sqs.ts), where API nodes send and worker nodes receive.
 */
import type { Job } from '../jobs/store';

export class QueueFullError extends Error {
  constructor(readonly retryAfterS: number) {
    super('queue full');
  }
}

export interface JobQueue {
  /** Accepts a job or throws QueueFullError. */
  submit(job: Job): Promise<void>;
  depth(): number;
  running(): number;
  close(): Promise<void>;
}
