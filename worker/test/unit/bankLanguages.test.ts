/**
 * A language added to the executor after the bank's questions were written: a question
 * with no starter for it opens with the language's own starter (SPEC LANGB8).
 */
import { LANGUAGE_IDS, LANGUAGES } from '@codesync/executor/languages';
import { describe, expect, it } from 'vitest';
import { allQuestions, loadBank } from '../../src/questions/bank';
import BANK_SOURCE from '../../src/questions/bank.generated.json';
import { BANK_LANGUAGES, bankEntries } from '../../src/questions/render';
import { starterFor } from '../../src/questions/views';

const LATER = LANGUAGE_IDS.filter((id) => !BANK_LANGUAGES.includes(id));
const twoSumFiles = () => {
  const entry = allQuestions().find((q) => q.question.slug === 'two-sum');
  if (!entry) throw new Error('two-sum is not in the bank');
  const files: Record<string, string> = {
    'two-sum/question.json': JSON.stringify(entry.question),
    'two-sum/statement.md': entry.statement,
  };
  for (const id of BANK_LANGUAGES) files[`two-sum/starter/${LANGUAGES[id].entry}`] = entry.starters[id] as string;
  return files;
};

describe('languages the bank has no starter for', () => {
  it('[LANGB8] the compiled languages of this section are such languages', () => {
    expect(LATER).toEqual(expect.arrayContaining(['kotlin', 'csharp', 'haskell', 'scala', 'ocaml', 'elixir']));
  });

  it.each(LATER)('[LANGB8] a question without a %s starter opens with the language’s own', (id) => {
    const [entry] = bankEntries(twoSumFiles());
    expect(entry?.starters[id]).toBeUndefined();
    expect(starterFor(entry as never, id)).toEqual({ path: LANGUAGES[id].entry, content: LANGUAGES[id].starter });
    for (const question of allQuestions()) expect(starterFor(question, id).content.length).toBeGreaterThan(0);
  });

  it('[LANGB8] a question that has a starter for a later language keeps it', () => {
    const files = { ...twoSumFiles(), 'two-sum/starter/Main.kt': 'fun main() { TODO() }\n' };
    const [entry] = bankEntries(files);
    expect(starterFor(entry as never, 'kotlin')).toEqual({ path: 'Main.kt', content: 'fun main() { TODO() }\n' });
  });

  it('[LANGB8] a bank language stays required, and the bundle still loads', () => {
    const files = twoSumFiles();
    delete files['two-sum/starter/main.go'];
    expect(() => bankEntries(files)).toThrow('every language needs a starter; missing or empty: starter/main.go');
    expect(loadBank(BANK_SOURCE).size).toBeGreaterThan(0);
  });
});
