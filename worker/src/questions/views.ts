/**
 * What leaves the server about a question. Every view is built field by field from an
 * allow-list, never by spreading the question, so a hidden case (or a field added to
 * question.json later) cannot reach a candidate by accident.
 *
 * @example
 * listQuestions(); // [{slug: 'two-sum', title: 'Two Sum', difficulty: 'easy', …, cases: {visible: 2, hidden: 4}}]
 * starterFor(questionFor('two-sum')!, 'go'); // {path: 'main.go', content: 'package main…'}
 */
import { LANGUAGES, type LanguageId } from '@codesync/executor/languages';
import { allQuestions, type Question } from './bank';
import type { Comparison, Difficulty, Topic } from './schema';

export interface QuestionSummary {
  slug: string;
  title: string;
  difficulty: Difficulty;
  topics: Topic[];
  timeSuggestionMin: number;
  /** How many cases there are; a design question has none. */
  cases: { visible: number; hidden: number };
}

/** A visible case, as the statement shows it. */
export interface Example {
  name: string;
  stdin: string;
  expected: string;
  compare: Comparison;
  timeLimitMs?: number;
}

export interface PublicQuestion extends QuestionSummary {
  statement: string;
  examples: Example[];
}

export function summaryOf({ question }: Question): QuestionSummary {
  const hidden = question.tests.filter((c) => c.hidden).length;
  return {
    slug: question.slug,
    title: question.title,
    difficulty: question.difficulty,
    topics: [...question.topics],
    timeSuggestionMin: question.timeSuggestionMin,
    cases: { visible: question.tests.length - hidden, hidden },
  };
}

/** The bank for `GET /api/questions`: summaries only, never a case's input or output. */
export function listQuestions(): QuestionSummary[] {
  return allQuestions().map(summaryOf);
}

/** What anyone in the room may see: the statement and the visible cases. */
export function publicView(entry: Question): PublicQuestion {
  const examples = entry.question.tests
    .filter((c) => !c.hidden)
    .map(({ name, stdin, expected, compare, timeLimitMs }) => ({
      name,
      stdin,
      expected,
      compare,
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    }));
  return { ...summaryOf(entry), statement: entry.statement, examples };
}

/**
 * The entry file a room in `language` is seeded with for this question: its starter,
 * or, for a language the question has none in yet, the language's own starter (it runs,
 * and the statement beside it says what to read and print).
 */
export function starterFor(entry: Question, language: LanguageId): { path: string; content: string } {
  return { path: LANGUAGES[language].entry, content: entry.starters[language] ?? LANGUAGES[language].starter };
}
