/**
 * The interviewer's test cases: visible or hidden, how the output is compared, an
 * optional time limit, name, input and expected output. Toggles go out at once; text
 * goes out when the field is left, so a half-typed input is never judged.
 */
import type { QuestionChangeInput, QuestionView } from '@codesync/worker/question';
import { COMPARISONS } from '@codesync/worker/question';
import { useId, useState } from 'react';

type RoomCase = QuestionView['cases'][number];

export function CaseEditor({
  cases,
  onChange,
}: {
  cases: readonly RoomCase[];
  onChange(change: QuestionChangeInput): void;
}) {
  return (
    <section className="case-editor" aria-label="Test cases">
      <h3>Test cases ({cases.length})</h3>
      {cases.map((c, i) => (
        <CaseRow key={c.id} index={i} testCase={c} onChange={onChange} />
      ))}
      {/* A hidden case is hidden from the start: its name and input never pass through a visible state. */}
      <div className="row">
        {[false, true].map((hidden) => (
          <button
            key={String(hidden)}
            type="button"
            onClick={() =>
              onChange({
                op: 'addCase',
                case: { name: `case ${cases.length + 1}`, stdin: '', expected: '', hidden, compare: 'trimmed' },
              })
            }
          >
            {hidden ? 'Add hidden case' : 'Add visible case'}
          </button>
        ))}
      </div>
    </section>
  );
}

function CaseRow({
  index,
  testCase,
  onChange,
}: {
  index: number;
  testCase: RoomCase;
  onChange(change: QuestionChangeInput): void;
}) {
  const edit = (fields: Extract<QuestionChangeInput, { op: 'editCase' }>['case']) =>
    onChange({ op: 'editCase', id: testCase.id, case: fields });
  return (
    <fieldset className={`case-row${testCase.hidden ? ' hidden-case' : ''}`}>
      <legend>
        Case {index + 1}
        {testCase.hidden ? ' (hidden)' : ''}
      </legend>
      <TextField label="Name" value={testCase.name} onCommit={(name) => name.trim() && edit({ name })} />
      <div className="case-options">
        <label className="inline">
          <input type="checkbox" checked={testCase.hidden} onChange={(e) => edit({ hidden: e.target.checked })} />
          Hidden from the candidate
        </label>
        <label className="inline">
          Compare
          <select
            value={testCase.compare}
            onChange={(e) => edit({ compare: e.target.value as (typeof COMPARISONS)[number] })}
          >
            {COMPARISONS.map((c) => (
              <option key={c} value={c}>
                {c === 'exact' ? 'exact' : 'trimmed (trailing spaces ignored)'}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Time limit (ms)
          <input
            type="number"
            min={100}
            max={10000}
            step={100}
            placeholder="run's"
            defaultValue={testCase.timeLimitMs ?? ''}
            key={testCase.timeLimitMs ?? 'none'}
            onBlur={(e) => {
              const value = e.target.value.trim();
              const next = value === '' ? null : Number(value);
              if (next !== (testCase.timeLimitMs ?? null)) edit({ timeLimitMs: next });
            }}
          />
        </label>
      </div>
      <TextField label="Case input (stdin)" multiline value={testCase.stdin} onCommit={(stdin) => edit({ stdin })} />
      <TextField
        label="Case expected output"
        multiline
        value={testCase.expected}
        onCommit={(expected) => edit({ expected })}
      />
      <button type="button" className="danger" onClick={() => onChange({ op: 'deleteCase', id: testCase.id })}>
        Delete case
      </button>
    </fieldset>
  );
}

/** A field whose draft is its own until it is left; then a changed value is sent. */
function TextField({
  label,
  value,
  multiline,
  onCommit,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  onCommit(value: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const props = {
    id,
    value: draft ?? value,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      if (draft !== null && draft !== value) onCommit(draft);
      setDraft(null);
    },
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} className="mono" {...props} /> : <input {...props} />}
    </div>
  );
}
