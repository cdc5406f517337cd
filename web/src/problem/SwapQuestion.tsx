/**
 * The interviewer swaps the room's question for one from the bank: its statement and
 * cases replace the current ones, and its starter arrives as a new file that becomes
 * the entry (the code written so far stays). Or writes a new one from scratch.
 */
import type { QuestionChangeInput } from '@codesync/worker/question';
import { useState } from 'react';
import { describeQuestion, useBank } from './bank';

export function SwapQuestion({
  current,
  hasQuestion,
  onChange,
  onClose,
}: {
  /** The bank slug of the room's question, if it came from the bank. */
  current: string | null;
  /** There is a question to replace: ask first. */
  hasQuestion: boolean;
  onChange(change: QuestionChangeInput): void;
  onClose(): void;
}) {
  const { questions, error } = useBank();
  const [slug, setSlug] = useState('');
  return (
    <div className="swap-question">
      <label>
        Swap to a question from the bank
        <select value={slug} onChange={(e) => setSlug(e.target.value)} disabled={!questions}>
          <option value="">Choose a question…</option>
          {questions?.map((q) => (
            <option key={q.slug} value={q.slug} disabled={q.slug === current}>
              {describeQuestion(q)}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">Questions could not be loaded: {error}</p>}
      <p className="muted">Its starter is added as a new file and becomes the one Run starts; the code so far stays.</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!slug}
          onClick={() => {
            if (!hasQuestion || confirmReplace()) onChange({ op: 'swap', questionId: slug });
            onClose();
          }}
        >
          Swap question
        </button>
        <button
          type="button"
          onClick={() => {
            if (!hasQuestion || confirmReplace()) {
              onChange({
                op: 'write',
                title: 'New question',
                statement: '# New question\n\nDescribe the problem here.',
              });
            }
            onClose();
          }}
        >
          Write a new one
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function confirmReplace(): boolean {
  return confirm("Replace the room's question and its test cases for everyone? The code stays.");
}
