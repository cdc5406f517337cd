/**
 * /api/questions through the real worker in workerd: the bank's summaries and a
 * question's public view, and never a hidden case's input or expected output.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { allQuestions } from '../../src/questions/bank';

const get = (path: string) => exports.default.fetch(`http://codesync.test${path}`);

/** Hidden cases' texts long enough not to appear in a statement by chance. */
const hiddenTexts = allQuestions().flatMap((q) =>
  q.question.tests.filter((c) => c.hidden).flatMap((c) => [c.stdin, c.expected].filter((t) => t.trim().length >= 12)),
);

describe('the question bank over HTTP', () => {
  it('[Q9] GET /api/questions lists every question with its case counts and no case text', async () => {
    const res = await get('/api/questions');
    expect(res.status).toBe(200);
    const body = await res.text();
    const { questions } = JSON.parse(body) as { questions: { slug: string; cases: { hidden: number } }[] };
    expect(questions.map((q) => q.slug).sort()).toEqual(
      allQuestions()
        .map((q) => q.question.slug)
        .sort(),
    );
    expect(questions.find((q) => q.slug === 'two-sum')?.cases.hidden).toBeGreaterThan(0);
    expect(hiddenTexts.length).toBeGreaterThan(20);
    for (const text of hiddenTexts) expect(body.includes(text.trim())).toBe(false);
  });

  it('[Q9] GET /api/questions/:slug gives the statement and the visible examples only', async () => {
    for (const { question } of allQuestions()) {
      const res = await get(`/api/questions/${question.slug}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      const view = JSON.parse(body) as { statement: string; examples: { stdin: string }[] };
      expect(view.statement.length).toBeGreaterThan(0);
      expect(view.examples.length).toBe(question.tests.filter((c) => !c.hidden).length);
      for (const text of hiddenTexts) expect(body.includes(text.trim()), question.slug).toBe(false);
    }
  });

  it('[Q9] an unknown slug is 404 in words', async () => {
    const res = await get('/api/questions/no-such-question');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/No question with this slug/);
  });
});
