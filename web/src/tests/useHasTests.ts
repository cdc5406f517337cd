/**
 * Whether the room has test cases, so "Run tests" shows only where it can work. The
 * cases come from the room's bank question (worker/src/tests/cases.ts), whose summary
 * counts them (`GET /api/questions/:slug` never carries a hidden case); the server
 * refuses a room without cases in any case (`no_tests`).
 */
import { useEffect, useState } from 'react';

export function useHasTests(questionId: string | null | undefined): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!questionId) {
      setHas(false);
      return;
    }
    let live = true;
    fetch(`/api/questions/${encodeURIComponent(questionId)}`)
      .then((res) => (res.ok ? (res.json() as Promise<{ cases?: { visible: number; hidden: number } }>) : null))
      .then((question) => {
        if (live) setHas(Boolean(question?.cases && question.cases.visible + question.cases.hidden > 0));
      })
      .catch((error: Error) => console.warn('could not read the room’s question', error.message));
    return () => {
      live = false;
    };
  }, [questionId]);
  return has;
}
