/**
 * The interviewer's live editor of the question's title, difficulty and statement:
 * each change is sent as typed (throttled, throttle.ts), so everyone sees the
 * statement change while it is written. The draft is this editor's own while it is
 * open, so the room echoing an edit back never moves the caret.
 */
import type { QuestionChangeInput, QuestionView } from '@codesync/worker/question';
import { DIFFICULTIES } from '@codesync/worker/question';
import { useEffect, useMemo, useRef, useState } from 'react';
import { throttled } from './throttle';

type Edit = Extract<QuestionChangeInput, { op: 'edit' }>;

export function StatementEditor({
  question,
  onChange,
  onDone,
}: {
  question: QuestionView;
  onChange(change: QuestionChangeInput): void;
  onDone(): void;
}) {
  const [title, setTitle] = useState(question.title);
  const [statement, setStatement] = useState(question.statement);
  // One throttle for the editor's life: the page re-renders on every message, and a new
  // throttle each time would flush (send) on every keystroke.
  const latest = useRef(onChange);
  latest.current = onChange;
  const sendStatement = useMemo(
    () => throttled((value: string) => latest.current({ op: 'edit', statement: value })),
    [],
  );
  const sendTitle = useMemo(() => throttled((value: string) => latest.current({ op: 'edit', title: value })), []);
  // Leaving the editor sends what is still waiting.
  useEffect(
    () => () => {
      sendStatement.flush();
      sendTitle.flush();
    },
    [sendStatement, sendTitle],
  );
  const edit = (change: Omit<Edit, 'op'>) => onChange({ op: 'edit', ...change });
  return (
    <div className="statement-editor">
      <label>
        Title
        <input
          value={title}
          maxLength={120}
          onChange={(e) => {
            setTitle(e.target.value);
            if (e.target.value.trim()) sendTitle(e.target.value);
          }}
        />
      </label>
      <label>
        Difficulty
        <select
          value={question.difficulty}
          onChange={(e) => edit({ difficulty: e.target.value as (typeof DIFFICULTIES)[number] })}
        >
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        Statement (Markdown)
        <textarea
          className="statement-input"
          value={statement}
          spellCheck
          onChange={(e) => {
            setStatement(e.target.value);
            sendStatement(e.target.value);
          }}
        />
      </label>
      <button type="button" className="primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
