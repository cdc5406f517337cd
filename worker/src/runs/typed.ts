/**
 * Input someone typed into an interactive run (SPEC INT11), as the machine folds it: an
 * output chunk of the `stdin` stream naming who typed it, stored and broadcast like the
 * program's own output, so every console shows both in the order the room took them.
 * Whether the input may be sent at all is decided before (interactive/stdin.ts).
 */
import { applyRunEvent } from './applyRunEvent';
import type { RunEvent } from './events';
import type { RunInput, Step } from './machine';
import type { RunRecord } from './record';
import { isClosed } from './run';

export function typed(record: RunRecord, input: Extract<RunInput, { kind: 'typed' }>): Step {
  if (isClosed(record.run) || !record.run.interactive) return { record, effects: [] };
  const event: RunEvent = { type: 'output', at: input.now, stream: 'stdin', data: input.data, by: input.by };
  const next: RunRecord = { ...record, run: applyRunEvent(record.run, event) };
  return {
    record: next,
    effects: [
      { kind: 'persist', record: next },
      { kind: 'broadcast', message: { type: 'run.event', runId: next.run.runId, event } },
    ],
  };
}
