/**
 * The report page's sections, one per part of the report, in the order of its Markdown.
 * Everything is shown as text (React escapes it): code, inputs and outputs in <pre>.
 */
import type { Report, ReportRun } from '@codesync/worker/report';
import {
  caseOutcome,
  formatTime,
  leftText,
  outputText,
  preview,
  RECOMMENDATION_WORDS,
  runFigures,
  runOutcome,
} from './format';

export function QuestionSection({ question }: { question: Report['question'] }) {
  if (!question) {
    return (
      <section aria-labelledby="report-question">
        <h2 id="report-question">Question</h2>
        <p className="muted">This room was not made from a question.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="report-question">
      <h2 id="report-question">Question: {question.title}</h2>
      <p className="muted">
        {question.slug}
        {question.difficulty && ` · ${question.difficulty}`}
      </p>
      <pre className="report-statement">{question.statement}</pre>
      <h3>Test cases ({question.tests.length})</h3>
      <table className="report-table">
        <thead>
          <tr>
            <th>Case</th>
            <th>Shown to the candidate</th>
            <th>Input</th>
            <th>Expected output</th>
            <th>Compared</th>
          </tr>
        </thead>
        <tbody>
          {question.tests.map((c) => (
            <tr key={c.name} data-hidden={c.hidden}>
              <td>{c.name}</td>
              <td>{c.hidden ? 'Hidden' : 'Visible'}</td>
              <td>
                <Clipped text={c.stdin} />
              </td>
              <td>
                <Clipped text={c.expected} />
              </td>
              <td>
                {c.compare}
                {c.timeLimitMs !== null && `, ${c.timeLimitMs} ms`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CodeSection({ files, entry }: Pick<Report, 'files' | 'entry'>) {
  return (
    <section aria-labelledby="report-code">
      <h2 id="report-code">Final code</h2>
      {files.map((file) => (
        <figure key={file.path} className="report-file">
          <figcaption>
            {file.path}
            {file.path === entry && <span className="muted"> (entry)</span>}
          </figcaption>
          <pre>{file.content}</pre>
        </figure>
      ))}
    </section>
  );
}

export function RunSection({ runs }: { runs: Report['runs'] }) {
  const shown = runs.shown.length;
  return (
    <section aria-labelledby="report-runs">
      <h2 id="report-runs">Runs ({shown === runs.total ? runs.total : `the last ${shown} of ${runs.total}`})</h2>
      {shown === 0 && <p className="muted">No runs.</p>}
      {runs.shown.map((run, i) => (
        <RunEntry key={run.runId} run={run} n={i + 1} />
      ))}
    </section>
  );
}

function RunEntry({ run, n }: { run: ReportRun; n: number }) {
  const ok = run.verdict === 'ok' && (!run.tests || run.tests.every((t) => t.verdict === 'passed'));
  return (
    <article className="report-run" aria-label={`Run ${n}`}>
      <h3>
        {run.kind === 'tests' ? 'Tests' : 'Run'} {n}:{' '}
        <span className={ok ? 'good' : run.state === 'finished' || run.state === 'failed' ? 'bad' : ''}>
          {runOutcome(run)}
        </span>
      </h3>
      <p className="muted">
        {run.path} · by {run.startedBy.name} ({run.startedBy.role}) · {formatTime(run.createdAt)}
        {runFigures(run) && ` · ${runFigures(run)}`}
        {run.truncated && ' · output cut at its limit'}
      </p>
      {run.tests ? (
        <table className="report-table">
          <thead>
            <tr>
              <th>Case</th>
              <th>Verdict</th>
              <th>Time</th>
              <th>Output</th>
            </tr>
          </thead>
          <tbody>
            {run.tests.map((t) => (
              <tr key={t.id}>
                <td>{t.hidden ? `${t.name} (hidden)` : t.name}</td>
                <td>{caseOutcome(t)}</td>
                <td>{t.timeMs === null ? '' : `${t.timeMs} ms`}</td>
                <td>
                  <pre>{`${t.stdout}${t.stderr}`}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          {run.stdin !== '' && (
            <figure>
              <figcaption className="muted">Input</figcaption>
              <pre>{run.stdin}</pre>
            </figure>
          )}
          <figure>
            <figcaption className="muted">Output</figcaption>
            <pre>{outputText(run) || '(no output)'}</pre>
          </figure>
        </>
      )}
    </article>
  );
}

export function JoinSection({ joins }: { joins: Report['joins'] }) {
  return (
    <section aria-labelledby="report-joins">
      <h2 id="report-joins">Who joined</h2>
      {joins.entries.length === 0 ? (
        <p className="muted">Nobody joined.</p>
      ) : (
        <table className="report-table" aria-label="Who joined">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Joined</th>
              <th>Left</th>
            </tr>
          </thead>
          <tbody>
            {joins.entries.map((j) => (
              <tr key={j.connId}>
                <td>{j.name}</td>
                <td>{j.role}</td>
                <td>{formatTime(j.joinedAt)}</td>
                <td>{leftText(j)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {joins.omitted > 0 && <p className="muted">{joins.omitted} later joins were counted but not kept.</p>}
    </section>
  );
}

export function PanelSection({ panel }: { panel: Report['panel'] }) {
  const { scorecard } = panel;
  return (
    <>
      <section aria-labelledby="report-notes">
        <h2 id="report-notes">Notes</h2>
        {panel.notes.trim() === '' ? (
          <p className="muted">No notes.</p>
        ) : (
          <pre className="report-notes">{panel.notes}</pre>
        )}
      </section>
      <section aria-labelledby="report-scorecard">
        <h2 id="report-scorecard">Scorecard</h2>
        {!scorecard ? (
          <p className="muted">No scorecard.</p>
        ) : (
          <>
            <table className="report-table">
              <tbody>
                {scorecard.ratings.map((r) => (
                  <tr key={r.criterion}>
                    <th scope="row">{r.criterion}</th>
                    <td>{r.rating === null ? 'not rated' : `${r.rating} / 4`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>Recommendation: {scorecard.recommendation ? RECOMMENDATION_WORDS[scorecard.recommendation] : 'none'}</p>
            {scorecard.summary && <pre className="report-notes">{scorecard.summary}</pre>}
          </>
        )}
      </section>
      <section aria-labelledby="report-signals">
        <h2 id="report-signals">Integrity signals</h2>
        {panel.signals.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <table className="report-table">
            <tbody>
              {panel.signals.map((s) => (
                <tr key={`${s.at}-${s.kind}-${s.by}`}>
                  <td>{formatTime(s.at)}</td>
                  <td>{s.by}</td>
                  <td>{s.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A case's input or output, cut on the page (a hidden case can be 32 KB of numbers). */
function Clipped({ text }: { text: string }) {
  const { shown, omitted } = preview(text);
  return (
    <>
      <pre>{shown}</pre>
      {omitted && <p className="muted">{omitted}</p>}
    </>
  );
}
