/**
 * One chunk of a run's console: the program's output as it came, or (stream `stdin`) a
 * line someone typed into an interactive run, with their name (SPEC INT11).
 */
import type { Run, RunOutput } from '@codesync/worker/runs';

export function OutputChunk({ chunk }: { chunk: RunOutput }) {
  if (chunk.stream !== 'stdin') return <span className={`stream-${chunk.stream}`}>{chunk.data}</span>;
  return (
    <span className="stream-stdin" data-by={chunk.by}>
      <span className="typist">{chunk.by ?? 'someone'}</span>
      {chunk.data}
    </span>
  );
}

/** Whether the console takes input for `run` now: an interactive run that has not ended. */
export const takesInput = (run: Run | undefined): run is Run =>
  Boolean(run?.interactive) && (run?.state === 'queued' || run?.state === 'running');
