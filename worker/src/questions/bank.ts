/**
 * The built-in question bank (questions/<slug>/, bundled into bank.generated.json by
 * scripts/questions.ts). The bundle is parsed with the schema once, when the module
 * loads: a bad bundle stops the worker at boot naming the question and field, never
 * at the moment an interviewer picks a question.
 *
 * @example
 * const question = questionFor('two-sum');
 * if (question) publicView(question); // statement and examples, no hidden case
 */
import { LANGUAGE_IDS } from '@codesync/executor/languages';
import { z } from 'zod';
import BANK_SOURCE from './bank.generated.json';
import type { BankEntry } from './render';
import { DIFFICULTIES, describeIssues, questionSchema } from './schema';

export type Question = BankEntry;

const bankSchema = z.array(
  z
    .object({
      question: questionSchema,
      statement: z.string().min(1),
      starters: z.partialRecord(z.enum(LANGUAGE_IDS), z.string().min(1)),
    })
    .strict(),
);

/** Parses a bundle; the worker's own is parsed once below. Exported for the tests. */
export function loadBank(source: unknown): ReadonlyMap<string, Question> {
  const parsed = bankSchema.safeParse(source);
  if (!parsed.success) throw new Error(`bank.generated.json is invalid: ${describeIssues(parsed.error)}`);
  const bank = new Map<string, Question>();
  for (const entry of parsed.data) {
    const slug = entry.question.slug;
    if (bank.has(slug)) throw new Error(`bank.generated.json holds the question "${slug}" twice`);
    bank.set(slug, entry);
  }
  return bank;
}

const BANK = loadBank(BANK_SOURCE);

/** The question with this slug, hidden cases included (server side only); null if none. */
export function questionFor(slug: string): Question | null {
  return BANK.get(slug) ?? null;
}

/** Every question, easiest first, then by title. */
export function allQuestions(): Question[] {
  const rank = (q: Question) => DIFFICULTIES.indexOf(q.question.difficulty);
  return [...BANK.values()].sort((a, b) => rank(a) - rank(b) || a.question.title.localeCompare(b.question.title));
}
