/**
 * A bank question (questions/<slug>/) as a room's question, and where its starter goes
 * when the interviewer swaps to it in a room that already has code.
 *
 * @example
 * questionFromBank('two-sum'); // {from: 'two-sum', title: 'Two Sum', cases: [{id, …}, …]}
 * starterPath(doc, 'two-sum', 'main.py'); // 'two-sum/main.py' (or 'two-sum-2/main.py' when taken)
 */
import type * as Y from 'yjs';
import { questionFor } from '../../questions';
import { fileByPath } from '../doc';
import { newCaseId } from './changes';
import type { RoomQuestion } from './schema';

export function questionFromBank(slug: string, newId: () => string = newCaseId): RoomQuestion | null {
  const entry = questionFor(slug);
  if (!entry) return null;
  const { question, statement } = entry;
  return {
    from: question.slug,
    title: question.title,
    statement,
    difficulty: question.difficulty,
    cases: question.tests.map(({ name, stdin, expected, hidden, compare, timeLimitMs }) => ({
      id: newId(),
      name,
      stdin,
      expected,
      hidden,
      compare,
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    })),
  };
}

/**
 * A path for a swapped-in starter that no file has: a folder named after the question
 * holding the language's entry file, so the code already written keeps its name.
 */
export function starterPath(doc: Y.Doc, slug: string, entry: string): string {
  for (let n = 1; ; n++) {
    const path = `${n === 1 ? slug : `${slug}-${n}`}/${entry}`;
    if (!fileByPath(doc, path)) return path;
  }
}
