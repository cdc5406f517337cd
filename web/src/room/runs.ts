/**
 * The room's runs as the client shows them, folded from the room's run messages.
 * Pure: the connection feeds messages in, components read the list.
 */
import type { Run, ServerMessage } from '@codesync/worker/messages';

export const MAX_RUNS_SHOWN = 20;

export function applyRunMessage(runs: readonly Run[], message: ServerMessage): readonly Run[] {
  switch (message.type) {
    case 'runs':
      return message.runs.slice(-MAX_RUNS_SHOWN);
    case 'run.queued':
      return [...runs.filter((r) => r.runId !== message.run.runId), message.run].slice(-MAX_RUNS_SHOWN);
    case 'run.started':
      return update(runs, message.runId, (r) => ({ ...r, state: 'running', startedAt: r.startedAt ?? Date.now() }));
    case 'run.output':
      return update(runs, message.runId, (r) => {
        const last = r.output.at(-1);
        const output =
          last?.stream === message.stream
            ? [...r.output.slice(0, -1), { stream: last.stream, data: last.data + message.data }]
            : [...r.output, { stream: message.stream, data: message.data }];
        return { ...r, state: 'running', output };
      });
    case 'run.finished':
    case 'run.failed':
      return update(runs, message.run.runId, () => message.run);
    case 'run.analysis':
      return update(runs, message.runId, (r) => ({ ...r, diagnostics: message.diagnostics }));
    default:
      return runs;
  }
}

function update(runs: readonly Run[], runId: string, change: (run: Run) => Run): readonly Run[] {
  return runs.map((r) => (r.runId === runId ? change(r) : r));
}

export function isActive(run: Run): boolean {
  return run.state === 'queued' || run.state === 'running';
}
