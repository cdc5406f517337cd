/**
 * The shared console: Run (button or Ctrl/Cmd-Enter), stdin, and the room's runs as
 * everyone sees them — who ran what, live output, verdict, time and memory.
 */
import { isClosed, outputOf, type Run } from '@codesync/worker/runs';
import { useEffect, useState } from 'react';

const VERDICT_TEXT: Record<string, string> = {
  ok: 'OK',
  compile_error: 'Compile error',
  runtime_error: 'Runtime error',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  internal_error: 'Internal error',
};

interface Props {
  runs: readonly Run[];
  canRun: boolean;
  whyNot: string | null;
  stdin: string;
  onStdin(stdin: string): void;
  onRun(): void;
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <span className="elapsed">{((now - since) / 1000).toFixed(1)} s</span>;
}

function Verdict({ run }: { run: Run }) {
  switch (run.state) {
    case 'queued':
    case 'running':
      return (
        <span className="badge running" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {run.state === 'queued' ? 'Queued' : 'Running'}{' '}
          <Elapsed since={run.state === 'running' ? run.startedAt : run.createdAt} />
        </span>
      );
    case 'failed':
      return <span className="badge bad">Not run</span>;
    case 'finished':
      return (
        <span className={`badge ${run.verdict === 'ok' ? 'good' : 'bad'}`} data-verdict={run.verdict}>
          {VERDICT_TEXT[run.verdict] ?? run.verdict}
        </span>
      );
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

/** One line in the history: how the run ended, or where it is. */
function outcome(run: Run): string {
  switch (run.state) {
    case 'queued':
    case 'running':
      return run.state;
    case 'failed':
      return 'not run';
    case 'finished':
      return VERDICT_TEXT[run.verdict] ?? run.verdict;
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

export function RunPanel({ runs, canRun, whyNot, stdin, onStdin, onRun }: Props) {
  // A run picked from the history, until a newer run takes the console.
  const [picked, setPicked] = useState<{ runId: string; latest: string | undefined } | null>(null);
  const latest = runs.at(-1);
  const shown = (picked?.latest === latest?.runId && runs.find((r) => r.runId === picked?.runId)) || latest;
  const busy = latest ? !isClosed(latest) : false;

  return (
    <section className="run-panel" aria-label="Run">
      <div className="run-controls">
        <button
          type="button"
          className="primary"
          disabled={!canRun || busy}
          title={whyNot ?? 'Run (Ctrl/Cmd-Enter)'}
          onClick={onRun}
        >
          {busy ? 'Running…' : 'Run'}
        </button>
        <span className="muted">Ctrl/⌘-Enter</span>
        {whyNot && <span className="muted">{whyNot}</span>}
      </div>
      <label className="stdin">
        Input (stdin)
        <textarea value={stdin} onChange={(e) => onStdin(e.target.value)} rows={2} spellCheck={false} />
      </label>
      <div className="console" role="log" aria-label="Output" aria-live="polite">
        {shown ? (
          <>
            <div className="console-head">
              <span>
                <strong>{shown.startedBy.name}</strong> ran {shown.path}
              </span>
              <Verdict run={shown} />
              {shown.state === 'finished' && shown.compileTimeMs !== null && (
                <span className="muted" data-figure="compile">
                  compile {shown.compileTimeMs} ms
                  {shown.compileMemoryKb !== null && `, ${(shown.compileMemoryKb / 1024).toFixed(1)} MB`}
                </span>
              )}
              {shown.state === 'finished' && shown.timeMs !== null && (
                <span className="muted" data-figure="run">
                  run {shown.timeMs} ms
                  {shown.memoryKb !== null && `, ${(shown.memoryKb / 1024).toFixed(1)} MB`}
                </span>
              )}
            </div>
            {shown.stdin && (
              <div className="muted stdin-used">
                input: <code>{shown.stdin.length > 80 ? `${shown.stdin.slice(0, 80)}…` : shown.stdin}</code>
              </div>
            )}
            <pre className="output">
              {outputOf(shown).map((o, i) => (
                // Chunks only ever grow at the end, so the index is a stable key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <span key={i} className={`stream-${o.stream}`}>
                  {o.data}
                </span>
              ))}
              {shown.state !== 'queued' && shown.truncated && (
                <span className="muted">{'\n'}[output cut at the limit]</span>
              )}
              {shown.state === 'failed' && <span className="stream-stderr">{shown.message}</span>}
            </pre>
          </>
        ) : (
          <p className="muted">Nothing has run yet. Press Run to run the open file for everyone to see.</p>
        )}
      </div>
      {runs.length > 1 && (
        <details className="history">
          <summary>Recent runs ({runs.length})</summary>
          <ol>
            {[...runs].reverse().map((r) => (
              <li key={r.runId}>
                <button
                  type="button"
                  onClick={() => setPicked({ runId: r.runId, latest: latest?.runId })}
                  aria-current={r.runId === shown?.runId}
                >
                  {new Date(r.createdAt).toLocaleTimeString()} · {r.startedBy.name} · {r.path} · {outcome(r)}
                </button>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
