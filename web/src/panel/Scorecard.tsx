/**
 * The scorecard, co-edited live in the panel doc: a rating 1–4 per criterion, the
 * recommendation and the summary. Only the interviewer adds, renames and removes
 * criteria (the server's gate checks it again). Every change goes through panelDoc's
 * operations.
 */
import {
  addCriterion,
  MAX_CRITERIA,
  MAX_CRITERION_NAME_CHARS,
  MAX_SUMMARY_CHARS,
  RATINGS,
  RECOMMENDATIONS,
  type Recommendation,
  rate,
  readScorecard,
  recommend,
  removeCriterion,
  renameCriterion,
  summaryOf,
} from '@codesync/worker/panel-doc';
import { type FormEvent, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { CollabText } from './CollabText';

const WORDS: Record<Recommendation, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

/** The scorecard as the doc holds it now, re-read on every change to the doc. */
function useScorecard(doc: Y.Doc) {
  const [cache] = useState(() => ({ value: readScorecard(doc), doc }));
  return useSyncExternalStore(
    (onChange) => {
      const listener = () => {
        cache.value = readScorecard(doc);
        onChange();
      };
      doc.on('update', listener);
      return () => doc.off('update', listener);
    },
    () => cache.value,
  );
}

export function Scorecard({ doc, canChangeCriteria }: { doc: Y.Doc; canChangeCriteria: boolean }) {
  const card = useScorecard(doc);
  const [adding, setAdding] = useState('');
  function add(event: FormEvent) {
    event.preventDefault();
    if (adding.trim()) addCriterion(doc, adding);
    setAdding('');
  }
  return (
    <div className="scorecard">
      <ul className="criteria">
        {card.criteria.map((criterion) => (
          <li key={criterion.id}>
            {canChangeCriteria ? (
              <input
                aria-label={`Criterion name: ${criterion.name}`}
                defaultValue={criterion.name}
                maxLength={MAX_CRITERION_NAME_CHARS}
                onBlur={(e) => e.target.value.trim() && renameCriterion(doc, criterion.id, e.target.value)}
              />
            ) : (
              <span className="criterion-name">{criterion.name}</span>
            )}
            <fieldset className="ratings" aria-label={`Rating for ${criterion.name}`}>
              {RATINGS.map((r) => (
                <button
                  key={r}
                  type="button"
                  aria-pressed={criterion.rating === r}
                  onClick={() => rate(doc, criterion.id, criterion.rating === r ? null : r)}
                >
                  {r}
                </button>
              ))}
            </fieldset>
            {canChangeCriteria && (
              <button
                type="button"
                className="link"
                aria-label={`Remove ${criterion.name}`}
                onClick={() => removeCriterion(doc, criterion.id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canChangeCriteria && card.criteria.length < MAX_CRITERIA && (
        <form className="add-criterion" onSubmit={add}>
          <input
            aria-label="New criterion"
            placeholder="Add a criterion"
            value={adding}
            maxLength={MAX_CRITERION_NAME_CHARS}
            onChange={(e) => setAdding(e.target.value)}
          />
          <button type="submit" disabled={!adding.trim()}>
            Add
          </button>
        </form>
      )}
      <label>
        Recommendation
        <select
          value={card.recommendation ?? ''}
          onChange={(e) => recommend(doc, (e.target.value || null) as Recommendation | null)}
        >
          <option value="">Not decided</option>
          {RECOMMENDATIONS.map((r) => (
            <option key={r} value={r}>
              {WORDS[r]}
            </option>
          ))}
        </select>
      </label>
      <span aria-hidden="true">Summary</span>
      <CollabText
        text={summaryOf(doc)}
        label="Summary"
        hint="A few lines for the debrief"
        maxLength={MAX_SUMMARY_CHARS}
      />
    </div>
  );
}
