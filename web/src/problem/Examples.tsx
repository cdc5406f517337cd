/**
 * The cases a person may see, as examples: input and expected output. A candidate's
 * list holds only the visible cases (the server never sends the others) and says how
 * many more the tests check.
 */
import type { QuestionView } from '@codesync/worker/question';

export function Examples({ question }: { question: QuestionView }) {
  const shown = question.cases.filter((c) => !c.hidden);
  const hiddenShown = question.cases.length - shown.length;
  return (
    <section className="examples" aria-label="Examples">
      {shown.map((c) => (
        <div key={c.id} className="example">
          <h3>{c.name}</h3>
          <span className="muted">Input</span>
          <pre>{c.stdin}</pre>
          <span className="muted">Expected output</span>
          <pre>{c.expected}</pre>
        </div>
      ))}
      {question.hiddenCases > 0 && hiddenShown === 0 && (
        <p className="muted hidden-count">
          + {question.hiddenCases} hidden test{question.hiddenCases === 1 ? '' : 's'}
        </p>
      )}
    </section>
  );
}
