/**
 * The problem beside the code: the question's statement (Markdown, rendered safely)
 * and its examples for everyone; for the interviewer, live editing, the swap to a bank
 * question and the case editor. The server sends each role only what it may see and
 * checks every change again; `canChange` only decides what is offered.
 *
 * @example
 * <ProblemPane question={state.question} canChange={can(role, 'question')} onChange={conn.changeQuestion} />
 */
import type { QuestionChangeInput, QuestionView } from '@codesync/worker/question';
import { useState } from 'react';
import { CaseEditor } from './CaseEditor';
import { Examples } from './Examples';
import { Markdown } from './Markdown';
import { StatementEditor } from './StatementEditor';
import { SwapQuestion } from './SwapQuestion';

type Mode = 'read' | 'edit' | 'swap';

export function ProblemPane({
  question,
  canChange,
  onChange,
}: {
  question: QuestionView | null;
  canChange: boolean;
  onChange(change: QuestionChangeInput): void;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const [mode, setMode] = useState<Mode>('read');
  const shownMode: Mode = canChange ? mode : 'read';
  if (collapsed) {
    return (
      <section className="problem-pane collapsed" aria-label="Problem">
        <button type="button" aria-expanded={false} title="Show the problem" onClick={() => setCollapsed(false)}>
          Problem ›
        </button>
      </section>
    );
  }
  return (
    <section className="problem-pane" aria-label="Problem">
      <div className="problem-bar">
        <h2>Problem</h2>
        {canChange && question && shownMode === 'read' && (
          <button type="button" onClick={() => setMode('edit')}>
            Edit
          </button>
        )}
        {canChange && shownMode !== 'swap' && (
          <button type="button" onClick={() => setMode('swap')}>
            Swap question
          </button>
        )}
        <button type="button" aria-expanded={true} title="Hide the problem" onClick={() => setCollapsed(true)}>
          ‹
        </button>
      </div>
      <div className="problem-body">
        {shownMode === 'swap' && (
          <SwapQuestion
            current={question?.from ?? null}
            hasQuestion={question !== null}
            onChange={onChange}
            onClose={() => setMode('read')}
          />
        )}
        {!question ? (
          <p className="muted">
            {canChange
              ? 'This room has no question. Swap to one from the bank or write your own.'
              : 'No question in this room: the interviewer will explain the problem.'}
          </p>
        ) : shownMode === 'edit' ? (
          <>
            <StatementEditor question={question} onChange={onChange} onDone={() => setMode('read')} />
            <CaseEditor cases={question.cases} onChange={onChange} />
          </>
        ) : (
          <>
            <h1 className="problem-title">
              {question.title}{' '}
              <span className={`difficulty difficulty-${question.difficulty}`}>{question.difficulty}</span>
            </h1>
            <Markdown source={withoutTitle(question.statement, question.title)} />
            <Examples question={question} />
          </>
        )}
      </div>
    </section>
  );
}

/** A statement that opens with its own title as a heading (the bank's do) shows it once, above. */
function withoutTitle(statement: string, title: string): string {
  const [first, ...rest] = statement.trimStart().split('\n');
  return first?.trim() === `# ${title}` ? rest.join('\n') : statement;
}
