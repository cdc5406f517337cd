/** Runs as a workerd test peer sees them. */
import { applyRunEvent } from '../../src/runs/applyRunEvent';
import type { Run } from '../../src/runs/run';
import type { Peer } from './support';

/** A peer's runs as the web app holds them: its run messages folded with the room's fold. */
export function runsOf(peer: Peer): Map<string, Run> {
  const runs = new Map<string, Run>();
  for (const m of peer.messages) {
    if (m.type === 'runs') for (const r of m.runs) runs.set(r.runId, r);
    if (m.type === 'run.queued') runs.set(m.run.runId, m.run);
    const run = m.type === 'run.event' ? runs.get(m.runId) : undefined;
    if (m.type === 'run.event' && run) runs.set(m.runId, applyRunEvent(run, m.event));
  }
  return runs;
}
