/**
 * Drives the pure run machine as the room's DO would, without the DO: each step's
 * effects are kept so tests can read what would be stored and broadcast.
 */
import type { JobEvent, JobResult } from '@codesync/executor/api';
import { applyRunEvent } from '../../../src/runs/applyRunEvent';
import { type RunEffect, type RunInput, step } from '../../../src/runs/machine';
import type { RunRecord } from '../../../src/runs/record';
import type { QueuedRun, Run } from '../../../src/runs/run';
import type { StartContext } from '../../../src/runs/start';

export const T0 = 1_700_000_000_000;

/** A run as it is first stored: asked for by a candidate, nothing happened yet. */
export const queuedRun = (runId: string, createdAt = 1): QueuedRun => ({
  runId,
  kind: 'run',
  state: 'queued',
  startedBy: { name: 'Cara', role: 'candidate' },
  language: 'python',
  path: 'main.py',
  stdin: '',
  createdAt,
});

export const context = (patch: Partial<StartContext> = {}): StartContext => ({
  roomId: 'room-1',
  roomActive: true,
  language: 'python',
  files: [{ path: 'main.py', content: 'print(input())\n' }],
  entry: 'main.py',
  callbackBase: 'https://codesync.test',
  openRuns: 0,
  startsInLastMinute: 0,
  limits: { timeMs: 5000, memoryMb: 256 },
  ...patch,
});

export const result = (patch: Partial<JobResult> = {}): JobResult => ({
  id: 'job-1',
  requestId: 'room-1:run-1',
  status: 'finished',
  verdict: 'ok',
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  compileOutput: '',
  timeMs: 20,
  memoryKb: 8000,
  compileTimeMs: null,
  compileMemoryKb: null,
  truncated: false,
  ...patch,
});

type Unnumbered = JobEvent extends infer E
  ? E extends JobEvent
    ? Omit<E, 'seq' | 'jobId' | 'requestId'>
    : never
  : never;

export const numbered = (seq: number, event: Unnumbered): JobEvent =>
  ({ ...event, seq, jobId: 'job-1', requestId: 'room-1:run-1' }) as JobEvent;

/** One run driven through the machine, as the DO would, keeping every effect. */
export class Driven {
  record: RunRecord | null = null;
  readonly effects: RunEffect[] = [];
  /** The record as stored by the last `persist` effect: the place of record. */
  stored: RunRecord | null = null;

  static started(patch: Partial<StartContext> = {}, stdin = '1 2\n'): Driven {
    const d = new Driven();
    d.input({
      kind: 'start',
      now: T0,
      request: { runId: 'run-1', by: { name: 'Cara', role: 'candidate' }, stdin },
      context: context(patch),
    });
    return d;
  }

  /** Started and accepted by the executor. */
  static accepted(): Driven {
    const d = Driven.started();
    d.input({ kind: 'posted', now: T0 + 5, outcome: { kind: 'accepted', jobId: 'job-1' } });
    return d;
  }

  input(input: RunInput): RunEffect[] {
    const { record, effects } = step(this.record, input);
    this.record = record;
    this.effects.push(...effects);
    for (const e of effects) if (e.kind === 'persist') this.stored = e.record;
    return effects;
  }

  event(seq: number, event: Unnumbered, now = T0 + 10 + seq): RunEffect[] {
    return this.input({ kind: 'event', now, event: numbered(seq, event) });
  }

  get run(): Run {
    if (!this.record) throw new Error('no run: the start was refused');
    return this.record.run;
  }

  /** What a browser holds: the queued run folded with every broadcast event, in order. */
  folded(): Run | null {
    let run: Run | null = null;
    for (const e of this.effects) {
      if (e.kind !== 'broadcast') continue;
      if (e.message.type === 'run.queued') run = e.message.run;
      else if (run) run = applyRunEvent(run, e.message.event);
    }
    return run;
  }

  broadcasts(): string[] {
    return this.effects.flatMap((e) =>
      e.kind !== 'broadcast' ? [] : [e.message.type === 'run.queued' ? 'queued' : e.message.event.type],
    );
  }
}
