/**
 * What the dashboard shows of one interview beyond its D1 row: the candidate's name and
 * the question's title, which only the room knows (its join log, its question), read by
 * one RPC (RoomDO.summary) under the `review` check, so it never reaches a candidate.
 */
import type { JoinLogView } from '../../room/joinLog';
import type { QuestionView } from '../../room/question/schema';

export interface RoomSummary {
  /** The name the candidate joined with first; null until a candidate has joined. */
  candidate: string | null;
  /** The room's question as it stands (edited or swapped); null without one. */
  question: string | null;
}

export function roomSummary(joins: JoinLogView, question: QuestionView | null): RoomSummary {
  const candidate = joins.entries.find((entry) => entry.role === 'candidate' && entry.name.trim() !== '');
  return { candidate: candidate?.name ?? null, question: question?.title ?? null };
}
