/// <reference types="vite/client" />
/**
 * The committed bundle (worker/src/questions/bank.generated.json) is exactly what
 * scripts/questions.ts makes of questions/ today. The files are read through Vite's
 * import.meta.glob so that this test, like the worker, needs no Node filesystem types.
 */
import { describe, expect, it } from 'vitest';
import generated from '../../src/questions/bank.generated.json?raw';
import { bankEntries, renderBank } from '../../src/questions/render';

const FILES = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(
      ['../../../questions/*/question.json', '../../../questions/*/statement.md', '../../../questions/*/starter/*'],
      { eager: true, query: '?raw', import: 'default' },
    ),
  ).map(([path, text]) => [path.replace('../../../questions/', ''), text]),
);

describe('bank.generated.json', () => {
  it('[Q2] is what `npx tsx scripts/questions.ts` makes of questions/ (run it after changing a question)', () => {
    expect(Object.keys(FILES).length).toBeGreaterThan(12 * 10 - 1);
    // Compared as text, not as data: the committed file is the one wrangler bundles.
    expect(generated === renderBank(FILES), 'bank.generated.json is stale: run `npx tsx scripts/questions.ts`').toBe(
      true,
    );
  });

  it('[Q2] rendering is reproducible: the order files are read in does not change the text', () => {
    const reversed = Object.fromEntries(Object.entries(FILES).reverse());
    expect(renderBank(reversed)).toBe(renderBank(FILES));
  });

  it('[Q1] the bundler refuses a folder that breaks the rules, naming the file and the fix', () => {
    const without = (path: string) => Object.fromEntries(Object.entries(FILES).filter(([p]) => p !== path));
    expect(() => bankEntries(without('two-sum/starter/main.go'))).toThrow(
      'questions/two-sum: other questions have starters in these languages, this one does not: starter/main.go',
    );
    expect(() => bankEntries({ ...FILES, 'two-sum/starter/main.go': '\n' })).toThrow(
      'questions/two-sum: a starter must hold a program; empty: starter/main.go (write one, or delete the file)',
    );
    expect(() => bankEntries({ ...FILES, 'two-sum/starter/main.kt': 'fun main() {}\n' })).toThrow(
      /questions\/two-sum\/starter\/main\.kt: a starter must be named after a language's entry file/,
    );
    expect(() => bankEntries(without('two-sum/statement.md'))).toThrow(
      'questions/two-sum/statement.md is missing or empty',
    );
    const question = JSON.parse(FILES['two-sum/question.json'] as string);
    expect(() =>
      bankEntries({ ...FILES, 'two-sum/question.json': JSON.stringify({ ...question, slug: 'three-sum' }) }),
    ).toThrow('questions/two-sum/question.json: slug must be "two-sum", the folder name');
    expect(() =>
      bankEntries({ ...FILES, 'two-sum/question.json': JSON.stringify({ ...question, timeSuggestionMin: 0 }) }),
    ).toThrow(/questions\/two-sum\/question\.json: timeSuggestionMin: /);
    expect(() => bankEntries({ ...FILES, 'two-sum/question.json': '{' })).toThrow(
      /questions\/two-sum\/question\.json is not JSON/,
    );
    // A reference solution is for tests only: handed in, it is still left out.
    const withSolution = { ...FILES, 'two-sum/solution/main.py': 'print(0, 1)\n' };
    expect(renderBank(withSolution)).toBe(renderBank(FILES));
  });
});
