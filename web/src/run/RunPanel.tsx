/**
 * The shared console: Run (button or Ctrl/Cmd-Enter) runs the room's entry file, the
 * room's shared stdin, and the room's runs as everyone sees them — who ran what, live
 * output, verdict, exit code, time and memory. The console follows new output while
 * it is scrolled to the end, and can be resized.
 */
import { isClosed, outputOf, type Run, type RunLimitsChange } from '@codesync/worker/runs';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { megabytes, megabytesOfKb, seconds, usedOf } from './limitsText';
import { OutputChunk, takesInput } from './OutputChunk';
import { RunLimits } from './RunLimits';
import { type LiveControls, StdinLine } from './StdinLine';
import { isGood, verdictText } from './verdict';
import { waitingText } from './waiting';

interface Props {
  runs: readonly Run[];
  canRun: boolean;
  whyNot: string | null;
  /** The room's entry file: what Run runs. */
  entryPath: string | null;
  /** The open file, when it is not the entry: running it is an explicit choice. */
  otherPath: string | null;
  stdin: string;
  /** Observers read the input; editors change it for everyone. */
  stdinReadOnly: boolean;
  onStdin(stdin: string): void;
  onRun(path: string): void;
  /** Shown only when the room has test cases (tests/hasTests.ts). */
  onRunTests?: (() => void) | undefined;
  /** The room's run limits (RunLimits.tsx); an editor may change them. */
  limits: Parameters<typeof RunLimits>[0]['limits'];
  canChangeLimits: boolean;
  onLimits(change: RunLimitsChange): void;
  /** Run interactively (stdin typed while it runs, SPEC INT13), and the input line's controls. */
  interactive: boolean;
  onInteractive(on: boolean): void;
  live: LiveControls;
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
        <span className="badge running" aria-live="polite" data-state={run.state}>
          <span className="spinner" aria-hidden="true" />
          {run.state === 'queued' ? waitingText(run) : 'Running'}{' '}
          <Elapsed since={run.state === 'running' ? run.startedAt : run.createdAt} />
        </span>
      );
    case 'failed':
      return <span className="badge bad">Not run</span>;
    case 'finished':
      return (
        <span className={`badge ${isGood(run) ? 'good' : 'bad'}`} data-verdict={run.verdict}>
          {verdictText(run)}
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
      return waitingText(run).toLowerCase();
    case 'running':
      return run.state;
    case 'failed':
      return 'not run';
    case 'finished':
      return verdictText(run);
    default: {
      const unreachable: never = run;
      return unreachable;
    }
  }
}

/**
 * Keeps a scroller at its end while new content arrives, unless the reader scrolled
 * up to read something (then it stays where they are until they scroll back down).
 */
function useFollow(content: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the content changes
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [content]);
  const onScroll = () => {
    const el = ref.current;
    if (el) pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
  };
  return { ref, onScroll };
}

export function RunPanel({
  runs,
  canRun,
  whyNot,
  entryPath,
  otherPath,
  stdin,
  stdinReadOnly,
  onStdin,
  onRun,
  onRunTests,
  limits,
  canChangeLimits,
  onLimits,
  interactive,
  onInteractive,
  live,
}: Props) {
  // A run picked from the history, until a newer run takes the console.
  const [picked, setPicked] = useState<{ runId: string; latest: string | undefined } | null>(null);
  const latest = runs.at(-1);
  const shown = (picked?.latest === latest?.runId && runs.find((r) => r.runId === picked?.runId)) || latest;
  const busy = latest ? !isClosed(latest) : false;
  const output = shown ? outputOf(shown) : [];
  const follow = useFollow(`${shown?.runId}:${output.length}:${output.at(-1)?.data.length}:${shown?.state}`);

  return (
    <section className="run-panel" aria-label="Run">
      <div className="run-controls">
        <button
          type="button"
          className="primary"
          disabled={!canRun || busy || !entryPath}
          title={whyNot ?? "Runs the room's entry file (Ctrl/Cmd-Enter)"}
          onClick={() => entryPath && onRun(entryPath)}
        >
          {busy ? 'Running…' : `Run ${entryPath ?? ''}`.trim()}
        </button>
        {onRunTests && (
          <button
            type="button"
            className="run-tests"
            disabled={!canRun || busy || !entryPath}
            title={whyNot ?? "Runs the entry file on every test case of the room's question, in one sandbox"}
            onClick={onRunTests}
          >
            Run tests
          </button>
        )}
        {otherPath && (
          <button type="button" disabled={!canRun || busy} onClick={() => onRun(otherPath)}>
            Run {otherPath} instead
          </button>
        )}
        <label className="interactive-toggle" title="Type the program's input while it runs, everyone sees it">
          <input
            type="checkbox"
            checked={interactive}
            disabled={!canRun}
            onChange={(e) => onInteractive(e.target.checked)}
          />
          Interactive
        </label>
        <span className="muted">Ctrl/⌘-Enter</span>
        {whyNot && <span className="muted">{whyNot}</span>}
      </div>
      <RunLimits limits={limits} canChange={canChangeLimits} onChange={onLimits} />
      <label className="stdin">
        Input (stdin)
        <span className="muted help">shared with everyone in the room, kept with it</span>
        <textarea
          value={stdin}
          onChange={(e) => onStdin(e.target.value)}
          rows={5}
          spellCheck={false}
          readOnly={stdinReadOnly}
        />
      </label>
      <div
        className="console"
        role="log"
        aria-label="Output"
        aria-live="polite"
        ref={follow.ref}
        onScroll={follow.onScroll}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard
        tabIndex={0}
      >
        {shown ? (
          <>
            <div className="console-head">
              <span>
                <strong>{shown.startedBy.name}</strong> {shown.kind === 'tests' ? 'ran the tests on' : 'ran'}{' '}
                {shown.path}
              </span>
              <Verdict run={shown} />
              {shown.state === 'finished' && shown.exitCode !== null && (
                <span className="muted">exit code {shown.exitCode}</span>
              )}
              {shown.state === 'finished' && shown.signal !== null && (
                <span className="muted">signal {shown.signal}</span>
              )}
              {shown.state === 'finished' && shown.compileTimeMs !== null && (
                <span className="muted" data-figure="compile">
                  compile {shown.compileTimeMs} ms
                  {shown.compileMemoryKb !== null && `, ${(shown.compileMemoryKb / 1024).toFixed(1)} MB`}
                </span>
              )}
              {shown.state === 'finished' && shown.timeMs !== null && (
                <span className="muted" data-figure="run">
                  run {usedOf(seconds(shown.timeMs), shown.limits ? seconds(shown.limits.timeMs) : null)}
                  {shown.memoryKb !== null &&
                    `, ${usedOf(megabytesOfKb(shown.memoryKb), shown.limits ? megabytes(shown.limits.memoryMb) : null)}`}
                </span>
              )}
            </div>
            {shown.stdin && (
              <div className="muted stdin-used">
                input: <code>{shown.stdin.length > 80 ? `${shown.stdin.slice(0, 80)}…` : shown.stdin}</code>
              </div>
            )}
            <pre className="output">
              {output.map((o, i) => (
                // Chunks only ever grow at the end, so the index is a stable key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <OutputChunk key={i} chunk={o} />
              ))}
              {shown.state !== 'queued' && shown.truncated && (
                <span className="muted">{'\n'}[output cut at the limit]</span>
              )}
              {shown.state === 'failed' && <span className="stream-stderr">{shown.message}</span>}
            </pre>
            {canRun && takesInput(shown) && <StdinLine runId={shown.runId} controls={live} />}
          </>
        ) : (
          <p className="muted">Nothing has run yet. Press Run to run the entry file for everyone to see.</p>
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
