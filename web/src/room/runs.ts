/**
 * The room's runs as the client shows them: the newest MAX_RUNS_SHOWN, each folded from
 * the room's run messages with the same `applyRunEvent` the room itself uses. Pure:
 * the connection feeds messages in, components read the list.
 */
import type { ServerMessage } from '@codesync/worker/messages';
import { applyRunEvent, isClosed, type Run } from '@codesync/worker/runs';

export const MAX_RUNS_SHOWN = 20;

export function applyRunMessage(runs: readonly Run[], message: ServerMessage): readonly Run[] {
  switch (message.type) {
    case 'runs':
      return message.runs.slice(-MAX_RUNS_SHOWN);
    case 'run.queued':
      return [...runs.filter((r) => r.runId !== message.run.runId), message.run].slice(-MAX_RUNS_SHOWN);
    case 'run.event':
      return runs.map((r) => (r.runId === message.runId ? applyRunEvent(r, message.event) : r));
    default:
      return runs;
  }
}

export function isActive(run: Run): boolean {
  return !isClosed(run);
}
