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

/**
 * A terminal asked for while this executor's terminal share (EXECUTOR_TERMINAL_CONCURRENCY)
 * is taken: refused at once, never queued (a terminal holds its slot for up to an hour),
 * with why and what to do (SPEC TERM14).
 */
export class TerminalsFullError extends Error {
  constructor(readonly cap: number) {
    super(terminalsFullMessage(cap));
  }
}

/** Why a terminal cannot open on an executor that allows `cap` at once, and what to do. */
export function terminalsFullMessage(cap: number): string {
  if (cap === 0) {
    return (
      'Shared terminals are off on this code runner (EXECUTOR_TERMINAL_CONCURRENCY=0): its job slots are kept ' +
      'for runs. Use Run instead, or ask the operator to allow terminals.'
    );
  }
  const some = cap === 1 ? '1 shared terminal' : `${cap} shared terminals`;
  return (
    `This code runner allows ${some} at once (EXECUTOR_TERMINAL_CONCURRENCY), so that runs always keep a slot, ` +
    'and they are all open. Use Run meanwhile, or open the terminal again once another interview closes theirs.'
  );
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
