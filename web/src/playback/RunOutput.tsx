/**
 * A run's output, opened from its marker on the timeline: read from the room's own
 * route (`GET /api/rooms/:roomId/runs/:runId`, the caller's role's view of the run)
 * and checked against the run's schema.
 */
import { outputOf, type Run, run as runSchema } from '@codesync/worker/runs';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import { verdictText } from '../run/verdict';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; run: Run };

async function fetchRun(roomId: string, token: string, runId: string): Promise<Loaded> {
  let body: unknown;
  try {
    body = await api(`/api/rooms/${roomId}/runs/${encodeURIComponent(runId)}`, { token });
  } catch (error) {
    return { state: 'failed', message: messageOf(error) };
  }
  const parsed = runSchema.safeParse(body);
  return parsed.success
    ? { state: 'ready', run: parsed.data }
    : { state: 'failed', message: 'The run came back in a shape this page does not know. Reload to update it.' };
}

function outcome(run: Run): string {
  switch (run.state) {
    case 'queued':
    case 'running':
      return 'still running when the history was read';
    case 'failed':
      return `not run: ${run.message}`;
    case 'finished':
      return verdictText(run);
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

export function RunOutput({
  roomId,
  token,
  runId,
  onClose,
}: {
  roomId: string;
  token: string;
  runId: string;
  onClose(): void;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    void fetchRun(roomId, token, runId).then((answer) => live && setLoaded(answer));
    return () => {
      live = false;
    };
  }, [roomId, token, runId]);

  return (
    <section className="playback-run" aria-label="Run output">
      <header>
        <strong>
          {loaded.state === 'ready'
            ? `${loaded.run.kind === 'tests' ? 'Tests' : 'Run'} of ${loaded.run.path} by ${loaded.run.startedBy.name}: ${outcome(loaded.run)}`
            : 'Run'}
        </strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {loaded.state === 'loading' && <p className="muted">Loading the run…</p>}
      {loaded.state === 'failed' && <p role="alert">{loaded.message}</p>}
      {loaded.state === 'ready' && (
        <pre className="playback-run-output">
          {outputOf(loaded.run).map((o, i) => (
            // Chunks never reorder: their index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <span key={i} className={`out-${o.stream}`}>
              {o.data}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
