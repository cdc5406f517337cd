/**
 * Where accepted jobs wait. In-process by default (memory.ts); Amazon SQS in cluster
 * mode (sqs.ts), where API nodes send and worker nodes receive.
 */
import type { Job } from '../jobs/store';

export class QueueFullError extends Error {
  constructor(
    readonly retryAfterS: number,
    /** Why, for the refusal's message: the whole queue, or this tenant's share of it. */
    readonly scope: 'executor' | 'tenant' = 'executor',
  ) {
    super('queue full');
  }
}

/** Whose job this is, for per-tenant limits: the requestId up to ":", if any. */
export function tenantOf(job: Job): string | null {
  const requestId = job.request.requestId;
  if (!requestId) return null;
  const cut = requestId.indexOf(':');
  return cut > 0 ? requestId.slice(0, cut) : null;
}

export interface JobQueue {
  /** Accepts a job or throws QueueFullError. */
  submit(job: Job): Promise<void>;
  depth(): number;
  running(): number;
  close(): Promise<void>;
}
