/**
 * How a run waiting for a sandbox is named in the console, the same for everyone in
 * the room: its place in line when the executor knows it (the in-process queue), just
 * "waiting" when it cannot (cluster mode).
 */
import type { QueuedRun } from '@codesync/worker/runs';

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function waitingText(run: QueuedRun): string {
  return run.position === undefined
    ? 'Waiting for a sandbox'
    : `Waiting for a sandbox — ${ordinal(run.position)} in line`;
}
