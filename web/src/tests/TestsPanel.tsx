/**
 * The room's latest test run as each person is sent it: `passed/total` as results
 * arrive, one row per case with its verdict and time. A case the server sent in full
 * opens to its input, the expected output, what the program wrote and a line diff; a
 * hidden case the server cut down for a candidate shows only "hidden" and its verdict.
 * Nothing is filtered here: each role's view is made on the server (runs/roleView.ts).
 */
import { isClosed, type Run } from '@codesync/worker/runs';
import type { CaseView, OutcomeView } from '@codesync/worker/tests';
import { tally } from '@codesync/worker/tests';
import { lineDiff } from './lineDiff';
import { TEST_VERDICT_TEXT } from './verdict';

function Verdict({ outcome, open }: { outcome: OutcomeView | undefined; open: boolean }) {
  if (!outcome) return <span className="badge running">{open ? 'Waiting' : 'Not judged'}</span>;
  const good = outcome.verdict === 'passed';
  return (
    <span className={`badge ${good ? 'good' : 'bad'}`} data-verdict={outcome.verdict}>
      {TEST_VERDICT_TEXT[outcome.verdict]}
      {outcome.timeMs !== null && <span className="muted"> {outcome.timeMs} ms</span>}
    </span>
  );
}

function Diff({ expected, got }: { expected: string; got: string }) {
  const diff = lineDiff(expected, got);
  if (!diff) return <p className="muted">Too long to compare line by line.</p>;
  return (
    <>
      <h4>Line diff (− expected, + got)</h4>
      <pre className="diff">
        {diff.map((line, i) => (
          // The diff is rebuilt whole each time: the index is its key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={i} className={`diff-${line.kind}`}>
            {line.kind === 'same' ? '  ' : line.kind === 'expected' ? '− ' : '+ '}
            {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </>
  );
}

function CaseRow({
  at,
  testCase,
  outcome,
  open,
}: {
  at: number;
  testCase: CaseView;
  outcome?: OutcomeView;
  open: boolean;
}) {
  if ('redacted' in testCase) {
    return (
      <li className="test-case" data-case={testCase.id} data-hidden="true" data-verdict={outcome?.verdict ?? ''}>
        <span className="test-name">
          Case {at} <span className="tag">hidden</span>
        </span>
        <Verdict outcome={outcome} open={open} />
      </li>
    );
  }
  const got = outcome && 'stdout' in outcome ? outcome : null;
  return (
    <li
      className="test-case"
      data-case={testCase.id}
      data-hidden={testCase.hidden}
      data-verdict={outcome?.verdict ?? ''}
    >
      <details>
        <summary>
          <span className="test-name">
            {testCase.name} {testCase.hidden && <span className="tag">hidden</span>}
          </span>
          <Verdict outcome={outcome} open={open} />
        </summary>
        <div className="test-detail">
          <h4>Input</h4>
          <pre className="test-input">{testCase.stdin}</pre>
          <h4>Expected</h4>
          <pre className="test-expected">{testCase.expected}</pre>
          {got && (
            <>
              <h4>Got</h4>
              <pre className="test-got">{got.stdout}</pre>
              {got.verdict === 'wrong_answer' && <Diff expected={testCase.expected} got={got.stdout} />}
              {got.stderr && (
                <>
                  <h4>Errors</h4>
                  <pre className="stream-stderr">{got.stderr}</pre>
                </>
              )}
              {got.truncated && <p className="muted">Output cut at the limit.</p>}
            </>
          )}
        </div>
      </details>
    </li>
  );
}

export function TestsPanel({ runs }: { runs: readonly Run[] }) {
  const run = runs.filter((r) => r.kind === 'tests').at(-1);
  if (!run?.tests) return null;
  const { passed, total } = tally(run.tests);
  const open = !isClosed(run);
  const outcomes = new Map(run.tests.outcomes.map((o) => [o.id, o]));
  return (
    <section className="tests-panel" aria-label="Tests">
      <div className="tests-head">
        <strong>Tests</strong>
        <span className="tests-tally" data-passed={passed} data-total={total} aria-live="polite">
          {passed}/{total} passed
        </span>
        <span className="muted">
          {run.startedBy.name} · {new Date(run.createdAt).toLocaleTimeString()}
          {open ? ' · running…' : ''}
          {run.state === 'failed' ? ` · ${run.message}` : ''}
        </span>
      </div>
      <ol className="test-cases">
        {run.tests.cases.map((c, i) => (
          <CaseRow key={c.id} at={i + 1} testCase={c} outcome={outcomes.get(c.id)} open={open} />
        ))}
      </ol>
    </section>
  );
}
