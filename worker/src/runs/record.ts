/**
 * What the room stores for each run: the run itself plus the bookkeeping that puts the
 * executor's events in order. One SQLite row per run (repository.ts).
 */
import type { JobEvent } from '@codesync/executor/api';
import type { Run } from './run';

export interface RunRecord {
  run: Run;
  /** The executor's next event number (`seq`) this run expects. */
  nextSeq: number;
  /** The executor's id for the job, once it accepted it. */
  jobId: string | null;
  /** Executor events that arrived ahead of their turn, in `seq` order. */
  held: JobEvent[];
}
