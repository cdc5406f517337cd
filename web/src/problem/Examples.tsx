/**
 * The cases a person was sent, as examples: input and expected output. A candidate is
 * sent only the visible cases (the server never sends the others), and is told how many
 * more the tests check; the interviewer and observers are sent the hidden ones too,
 * shown marked as hidden.
 */
import type { QuestionView } from '@codesync/worker/question';

/** Characters of a case's input or output shown here; a large hidden input is cut (the case editor has all of it). */
const SHOWN_CHARS = 2000;

function preview(text: string): string {
  return text.length <= SHOWN_CHARS ? text : `${text.slice(0, SHOWN_CHARS)}… (${text.length} characters in all)`;
}

export function Examples({ question }: { question: QuestionView }) {
  const hiddenSent = question.cases.some((c) => c.hidden);
  return (
    <section className="examples" aria-label="Examples">
      {question.cases.map((c) => (
        <div key={c.id} className={`example${c.hidden ? ' hidden-case' : ''}`}>
          <h3>
            {c.name}
            {c.hidden && <span className="muted"> (hidden: the candidate does not see it)</span>}
          </h3>
          <span className="muted">Input</span>
          <pre>{preview(c.stdin)}</pre>
          <span className="muted">Expected output</span>
          <pre>{preview(c.expected)}</pre>
        </div>
      ))}
      {question.hiddenCases > 0 && !hiddenSent && (
        <p className="muted hidden-count">
          + {question.hiddenCases} hidden test{question.hiddenCases === 1 ? '' : 's'}
        </p>
      )}
    </section>
  );
}
