/**
 * The question bank's list (GET /api/questions: summaries, never a case), read once
 * per page and shared by the landing page's picker and the room's swap.
 */
import type { QuestionSummary } from '@codesync/worker/questions';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export type { QuestionSummary };

let pending: Promise<QuestionSummary[]> | null = null;

function loadBank(): Promise<QuestionSummary[]> {
  pending ??= api<{ questions: QuestionSummary[] }>('/api/questions')
    .then((body) => body.questions)
    .catch((error: Error) => {
      pending = null; // try again next time
      throw error;
    });
  return pending;
}

/** The bank's questions, or the reason they could not be read. */
export function useBank(): { questions: QuestionSummary[] | null; error: string | null } {
  const [state, setState] = useState<{ questions: QuestionSummary[] | null; error: string | null }>({
    questions: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    loadBank().then(
      (questions) => live && setState({ questions, error: null }),
      (error: Error) => live && setState({ questions: null, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** "Two Sum · easy · arrays, hashing": how a question is named in a list. */
export function describeQuestion(q: QuestionSummary): string {
  return `${q.title} · ${q.difficulty} · ${q.topics.join(', ')}`;
}
