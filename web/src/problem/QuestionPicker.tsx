/**
 * The landing page's choice of question: one from the bank (title, difficulty,
 * topics) or none. The form posts the slug as `questionId`.
 *
 * @example
 * <QuestionPicker value={questionId} onChange={setQuestionId} />
 */
import { describeQuestion, useBank } from './bank';

export function QuestionPicker({ value, onChange }: { value: string | null; onChange(slug: string | null): void }) {
  const { questions, error } = useBank();
  return (
    <label>
      Question
      <select
        name="questionId"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        disabled={!questions}
      >
        <option value="">No question</option>
        {questions?.map((q) => (
          <option key={q.slug} value={q.slug}>
            {describeQuestion(q)}
          </option>
        ))}
      </select>
      {error && <span className="error">Questions could not be loaded: {error}</span>}
    </label>
  );
}
