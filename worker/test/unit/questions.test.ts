/**
 * The question bank as the worker sees it: every question parses, has a starter for
 * every language of the executor's table, and what leaves the server never carries a
 * hidden case. The executor runs the solutions and starters (executor/test/questions.test.ts).
 */
import { outputMatches, trimOutput } from '@codesync/executor/compare';
import { LANGUAGE_IDS, LANGUAGES } from '@codesync/executor/languages';
import { describe, expect, it } from 'vitest';
import { allQuestions, loadBank, type Question, questionFor } from '../../src/questions/bank';
import BANK_SOURCE from '../../src/questions/bank.generated.json';
import { BANK_LANGUAGES } from '../../src/questions/render';
import { MAX_CASE_BYTES, questionSchema, TOPICS } from '../../src/questions/schema';
import { listQuestions, publicView, starterFor } from '../../src/questions/views';

const QUESTIONS = allQuestions();
const sample = () => structuredClone(questionFor('two-sum') as Question);

/** Every string anywhere inside a value (a view's JSON), to look for a hidden case's text. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

describe('the bank', () => {
  it('[Q1] holds at least 12 questions across difficulties and the topics issue 11 asks for', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(12);
    const difficulties = new Set(QUESTIONS.map((q) => q.question.difficulty));
    expect([...difficulties].sort()).toEqual(['easy', 'hard', 'medium']);
    const topics = new Set(QUESTIONS.flatMap((q) => q.question.topics));
    for (const topic of ['arrays', 'strings', 'hashing', 'graphs', 'dp', 'intervals', 'design'] as const) {
      expect(topics, topic).toContain(topic);
    }
    const design = QUESTIONS.filter((q) => q.question.topics.includes('design'));
    expect(design.some((q) => q.question.tests.length === 0)).toBe(true);
  });

  it.each(QUESTIONS.map((q) => [q.question.slug, q] as const))('[Q1] %s matches the schema', (_slug, entry) => {
    expect(questionSchema.parse(entry.question)).toEqual(entry.question);
    expect(entry.statement.startsWith(`# ${entry.question.title}\n`)).toBe(true);
  });

  it.each(QUESTIONS.map((q) => [q.question.slug, q] as const))(
    '[Q1] %s has a starter for every bank language, named after its entry file',
    (_slug, entry) => {
      expect(Object.keys(entry.starters)).toEqual(expect.arrayContaining([...BANK_LANGUAGES]));
      for (const id of BANK_LANGUAGES) {
        const starter = starterFor(entry, id);
        expect(starter.path).toBe(LANGUAGES[id].entry);
        expect(starter.content.trim().length, id).toBeGreaterThan(0);
        // The place to write the answer is marked the same way in every language.
        if (entry.starters[id] !== undefined) expect(starter.content, id).toContain('TODO');
      }
    },
  );

  it('[LANGA5] a language the bank has no starters in yet gets its own starter as the entry file', () => {
    const withStarters = LANGUAGE_IDS.filter((id) => QUESTIONS.every((q) => q.starters[id] !== undefined));
    const without = LANGUAGE_IDS.filter((id) => QUESTIONS.every((q) => q.starters[id] === undefined));
    // Every language is one or the other (the bundler refuses a question that forgot one).
    expect([...withStarters, ...without].sort()).toEqual([...LANGUAGE_IDS].sort());
    expect(withStarters).toContain('python');
    for (const entry of QUESTIONS) {
      for (const id of without) {
        expect(starterFor(entry, id)).toEqual({ path: LANGUAGES[id].entry, content: LANGUAGES[id].starter });
      }
      for (const id of withStarters) expect(starterFor(entry, id).content).toBe(entry.starters[id]);
    }
  });

  it('[Q1] every question but the design one has visible cases, hidden cases and a larger hidden input', () => {
    for (const { question } of QUESTIONS) {
      if (question.topics.includes('design')) continue;
      const hidden = question.tests.filter((c) => c.hidden);
      expect(hidden.length, question.slug).toBeGreaterThanOrEqual(3);
      expect(question.tests.length - hidden.length, question.slug).toBeGreaterThanOrEqual(1);
      // Every judged question but edit-distance (its DP is the intended O(n·m)) has a larger, time-limited case (Q8).
      const sized = hidden.filter((c) => c.timeLimitMs !== undefined && c.stdin.length >= 4 * 1024);
      if (question.slug !== 'edit-distance') expect(sized.length, question.slug).toBeGreaterThanOrEqual(1);
    }
  });

  it('[Q1] refuses a question that breaks the schema, naming the field', () => {
    // Loosely typed on purpose: each change makes the file wrong in one way.
    type Loose = Record<string, unknown> & { tests: Record<string, unknown>[] };
    const bad = (change: (q: Loose) => void) => {
      const question = sample().question as unknown as Loose;
      change(question);
      const result = questionSchema.safeParse(question);
      expect(result.success).toBe(false);
      return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    const first = (q: Loose) => q.tests[0] as Record<string, unknown>;
    expect(bad((q) => (q.difficulty = 'trivial'))).toMatch(/^difficulty: must be one of easy, medium, hard/);
    expect(bad((q) => (q.topics = ['astrology']))).toMatch(`topics.0: must be one of ${TOPICS.join(', ')}`);
    expect(bad((q) => (q.slug = 'Two Sum'))).toMatch(/^slug: must be lowercase words/);
    expect(bad((q) => (first(q).compare = 'fuzzy'))).toMatch(/^tests.0.compare: must be one of exact, trimmed/);
    expect(bad((q) => (first(q).hidden = 'yes'))).toMatch(/^tests.0.hidden: must be true/);
    expect(bad((q) => (first(q).stdin = 'x'.repeat(MAX_CASE_BYTES + 1)))).toMatch(
      /^tests.0.stdin: stdin must be at most/,
    );
    expect(bad((q) => (first(q).timeLimitMs = 60_000))).toMatch(/^tests.0.timeLimitMs: /);
    expect(bad((q) => (q.tests = q.tests.filter((c) => !c.hidden)))).toMatch(/^tests: must have a hidden case/);
    expect(bad((q) => (q.tests = q.tests.filter((c) => c.hidden)))).toMatch(/^tests: must have a visible case/);
    expect(bad((q) => q.tests.push(first(q)))).toMatch(/^tests.\d+.name: must be unique/);
    expect(bad((q) => (q.answer = 42))).toMatch(/Unrecognized key/);
  });

  it('[Q2] a bundle that does not match the schema stops the load, naming the question field', () => {
    const source = structuredClone(BANK_SOURCE) as { question: { difficulty: string } }[];
    (source[0] as { question: { difficulty: string } }).question.difficulty = 'trivial';
    expect(() => loadBank(source)).toThrow(/0\.question\.difficulty: must be one of/);
    const twice = structuredClone(BANK_SOURCE) as unknown[];
    expect(() => loadBank([...twice, twice[0]])).toThrow(/holds the question "[a-z-]+" twice/);
  });

  it('[Q2] the bundle holds no reference solution', () => {
    for (const entry of BANK_SOURCE as object[])
      expect(Object.keys(entry).sort()).toEqual(['question', 'starters', 'statement']);
  });
});

describe('views', () => {
  it('[Q3] the list carries summaries and case counts, no statement and no case', () => {
    const list = listQuestions();
    expect(list.map((q) => q.slug).sort()).toEqual(QUESTIONS.map((q) => q.question.slug).sort());
    const twoSum = list.find((q) => q.slug === 'two-sum');
    expect(twoSum).toEqual({
      slug: 'two-sum',
      title: 'Two Sum',
      difficulty: 'easy',
      topics: ['arrays', 'hashing'],
      timeSuggestionMin: 15,
      cases: { visible: 2, hidden: 4 },
    });
    const strings = stringsIn(list);
    for (const { question } of QUESTIONS) {
      for (const c of question.tests.filter((t) => t.stdin.trim().length >= 3)) {
        expect(
          strings.some((s) => s.includes(c.stdin.trim())),
          c.name,
        ).toBe(false);
      }
    }
    // Easiest first: a person scanning the list meets the warm-ups first.
    const ranks = list.map((q) => ['easy', 'medium', 'hard'].indexOf(q.difficulty));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it.each(QUESTIONS.map((q) => [q.question.slug, q] as const))(
    '[Q3] the public view of %s holds the statement and visible cases, never a hidden case',
    (_slug, entry) => {
      const view = publicView(entry);
      const visible = entry.question.tests.filter((c) => !c.hidden);
      const hidden = entry.question.tests.filter((c) => c.hidden);
      expect(view.statement).toBe(entry.statement);
      expect(view.examples.map((e) => e.name)).toEqual(visible.map((c) => c.name));
      expect(view.cases).toEqual({ visible: visible.length, hidden: hidden.length });
      expect(view.examples.every((e) => !('hidden' in e))).toBe(true);
      const strings = stringsIn(view);
      for (const c of hidden) {
        expect(
          view.examples.some((e) => e.name === c.name),
          c.name,
        ).toBe(false);
        // Short texts ("true\n", "0\n") are also some visible case's answer: look for the distinctive ones.
        if (c.stdin.trim().length >= 8)
          expect(
            strings.some((s) => s.includes(c.stdin.trim())),
            c.name,
          ).toBe(false);
        if (c.expected.trim().length >= 8 && !visible.some((v) => v.expected === c.expected)) {
          expect(
            strings.some((s) => s.includes(c.expected.trim())),
            c.name,
          ).toBe(false);
        }
      }
    },
  );

  it('[Q3] a field added to a question later does not reach the public view', () => {
    const entry = sample();
    const tampered = {
      ...entry,
      question: { ...entry.question, solution: 'print(0, 1)', tests: [...entry.question.tests] },
    } as Question;
    const secret = {
      name: 'secret',
      stdin: 'SECRET INPUT 123\n',
      expected: 'SECRET OUTPUT\n',
      hidden: true,
      compare: 'exact',
    } as const;
    tampered.question.tests.push(secret);
    const text = JSON.stringify(publicView(tampered));
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('solution');
    expect(text).not.toContain('print(0, 1)');
  });

  it.each(QUESTIONS.filter((q) => q.question.tests.length > 0).map((q) => [q.question.slug, q] as const))(
    "[Q4] %s's statement shows every visible case and no hidden input",
    (_slug, entry) => {
      for (const c of entry.question.tests) {
        if (!c.hidden) {
          expect(entry.statement, c.name).toContain(`\`\`\`\n${c.stdin}\`\`\``);
          expect(entry.statement, c.name).toContain(`\`\`\`\n${c.expected}\`\`\``);
        } else if (c.stdin.trim().length >= 8) {
          expect(entry.statement, c.name).not.toContain(c.stdin.trim());
        }
      }
    },
  );
});

describe('comparison', () => {
  it('[Q7] exact compares byte for byte', () => {
    expect(outputMatches('true\n', 'true\n', 'exact')).toBe(true);
    expect(outputMatches('true\n', 'true', 'exact')).toBe(false);
    expect(outputMatches('true\n', 'true \n', 'exact')).toBe(false);
    expect(outputMatches('true\n', 'True\n', 'exact')).toBe(false);
  });

  it('[Q7] trimmed ignores trailing spaces on a line, blank lines at the ends and CRLF, nothing else', () => {
    expect(outputMatches('1 6\n8 10\n', '1 6  \r\n8 10\n\n\n', 'trimmed')).toBe(true);
    expect(outputMatches('1 6\n8 10\n', '\n1 6\n8 10', 'trimmed')).toBe(true);
    expect(outputMatches('1 6\n8 10\n', '1 6\n\n8 10\n', 'trimmed')).toBe(false);
    expect(outputMatches('1 6\n8 10\n', '1  6\n8 10\n', 'trimmed')).toBe(false);
    expect(outputMatches('1 6\n', ' 1 6\n', 'trimmed')).toBe(false);
    expect(trimOutput('  a \n b\t\n\n')).toBe('  a\n b');
  });
});
