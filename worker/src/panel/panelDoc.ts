/**
 * The panel's own Y.Doc: the interviewer's and observers' private notes and the
 * scorecard, co-edited live on the panel socket (PanelDO), never in the room's shared
 * doc. Every operation on it lives here; the web app and the server import this module.
 *
 * ```
 * notes:     Y.Text                                 private notes, plain text
 * summary:   Y.Text                                 the scorecard's summary
 * criteria:  Y.Map<CriterionId, {name, order}>      what is rated (interviewer only)
 * ratings:   Y.Map<CriterionId, 1 | 2 | 3 | 4>      one rating per criterion
 * scorecard: Y.Map {recommendation}                 strong_no | no | yes | strong_yes
 * privateThreads, privateReplies                    private comment threads (privateThreads.ts)
 * ```
 *
 * Values are plain JSON, never nested types: the gate (panelGate.ts) refuses anything
 * else, so a value is judged whole by the schemas below.
 *
 * @example
 * const card = readScorecard(doc);
 * rate(doc, card.criteria[0].id, 3);
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import {
  MAX_CRITERIA,
  MAX_CRITERION_NAME_CHARS,
  MAX_NOTES_CHARS,
  MAX_PANEL_DOC_BYTES,
  MAX_RATINGS,
  MAX_SUMMARY_CHARS,
} from '../limits';

export { MAX_CRITERIA, MAX_CRITERION_NAME_CHARS, MAX_NOTES_CHARS, MAX_PANEL_DOC_BYTES, MAX_RATINGS, MAX_SUMMARY_CHARS };

/** The doc's top-level types, by name and kind: nothing else may exist in it. */
export const PANEL_TYPES = {
  notes: 'text',
  summary: 'text',
  criteria: 'map',
  ratings: 'map',
  scorecard: 'map',
  privateThreads: 'map',
  privateReplies: 'map',
} as const;
export type PanelTypeName = keyof typeof PANEL_TYPES;

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

export const CRITERION_ID_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;

/** A criterion as stored under its id in `criteria`. */
export const criterionValue = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(MAX_CRITERION_NAME_CHARS),
    order: z.number().finite(),
  })
  .strict();
export const ratingValue = z.union(RATINGS.map((r) => z.literal(r)));
export const recommendationValue = z.enum(RECOMMENDATIONS);

/** What a new panel starts with (issue 11): the interviewer renames, adds, removes. */
export const DEFAULT_CRITERIA = [
  { id: 'problem_solving', name: 'Problem solving' },
  { id: 'code_quality', name: 'Code quality' },
  { id: 'communication', name: 'Communication' },
  { id: 'testing', name: 'Testing' },
] as const;

export interface Criterion {
  id: string;
  name: string;
  rating: Rating | null;
}

export interface Scorecard {
  criteria: Criterion[];
  recommendation: Recommendation | null;
  summary: string;
}

/** Everything the panel wrote, as the report carries it (PanelDO.record). */
export interface PanelRecord<S = unknown> {
  notes: string;
  scorecard: Scorecard;
  signals: S[];
}

export const notesOf = (doc: Y.Doc) => doc.getText('notes');
export const summaryOf = (doc: Y.Doc) => doc.getText('summary');
export const criteriaOf = (doc: Y.Doc) => doc.getMap<unknown>('criteria');
export const ratingsOf = (doc: Y.Doc) => doc.getMap<unknown>('ratings');
export const scorecardOf = (doc: Y.Doc) => doc.getMap<unknown>('scorecard');

/** Defines every top-level type with its kind (a doc must know them before an update names them). */
export function definePanelTypes(doc: Y.Doc): Map<object, PanelTypeName> {
  return new Map<object, PanelTypeName>([
    [notesOf(doc), 'notes'],
    [summaryOf(doc), 'summary'],
    [criteriaOf(doc), 'criteria'],
    [ratingsOf(doc), 'ratings'],
    [scorecardOf(doc), 'scorecard'],
    [doc.getMap('privateThreads'), 'privateThreads'],
    [doc.getMap('privateReplies'), 'privateReplies'],
  ]);
}

/** A new panel's first content: the default criteria, written once by the server. */
export function seedPanel(doc: Y.Doc, origin: unknown = null): void {
  doc.transact(() => {
    DEFAULT_CRITERIA.forEach(({ id, name }, order) => {
      criteriaOf(doc).set(id, { name, order });
    });
  }, origin);
}

/** The scorecard in the criteria's order; values that do not parse are left out. */
export function readScorecard(doc: Y.Doc): Scorecard {
  const criteria: (Criterion & { order: number })[] = [];
  for (const [id, value] of criteriaOf(doc).entries()) {
    const parsed = criterionValue.safeParse(value);
    if (!parsed.success) continue;
    const rating = ratingValue.safeParse(ratingsOf(doc).get(id));
    criteria.push({
      id,
      name: parsed.data.name,
      order: parsed.data.order,
      rating: rating.success ? rating.data : null,
    });
  }
  criteria.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const recommendation = recommendationValue.safeParse(scorecardOf(doc).get('recommendation'));
  return {
    criteria: criteria.map(({ id, name, rating }) => ({ id, name, rating })),
    recommendation: recommendation.success ? recommendation.data : null,
    summary: summaryOf(doc).toString(),
  };
}

/** Sets (or with null clears) one criterion's rating. */
export function rate(doc: Y.Doc, criterionId: string, rating: Rating | null): void {
  if (rating === null) ratingsOf(doc).delete(criterionId);
  else ratingsOf(doc).set(criterionId, rating);
}

export function recommend(doc: Y.Doc, recommendation: Recommendation | null): void {
  if (recommendation === null) scorecardOf(doc).delete('recommendation');
  else scorecardOf(doc).set('recommendation', recommendation);
}

/** Adds a criterion after the others; answers its id. */
export function addCriterion(doc: Y.Doc, name: string): string {
  const id = randomId();
  const last = Math.max(-1, ...readOrders(doc));
  criteriaOf(doc).set(id, { name: name.trim(), order: last + 1 });
  return id;
}

export function renameCriterion(doc: Y.Doc, id: string, name: string): void {
  const current = criterionValue.safeParse(criteriaOf(doc).get(id));
  if (current.success) criteriaOf(doc).set(id, { ...current.data, name: name.trim() });
}

/** Removes a criterion and its rating. */
export function removeCriterion(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    criteriaOf(doc).delete(id);
    ratingsOf(doc).delete(id);
  });
}

function readOrders(doc: Y.Doc): number[] {
  return [...criteriaOf(doc).values()].flatMap((v) => {
    const parsed = criterionValue.safeParse(v);
    return parsed.success ? [parsed.data.order] : [];
  });
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}
