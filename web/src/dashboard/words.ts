/** The dashboard's words for a scorecard's recommendation and an interview's state. */
import type { Interview } from '@codesync/worker/dashboard';
import { formatDuration } from '../report/format';

const VERDICT_WORDS: Record<NonNullable<Interview['verdict']>, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

export const verdictWords = (verdict: Interview['verdict']) => (verdict ? VERDICT_WORDS[verdict] : 'No verdict yet');

export function stateWords(interview: Interview): string {
  if (interview.status === 'active') return 'In progress';
  return interview.durationMs === null ? 'Ended' : `Ended after ${formatDuration(interview.durationMs)}`;
}

/** `2 Dec 2026, 09:14` in the reader's own time zone. */
export const whenWords = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
