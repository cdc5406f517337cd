/**
 * Review of /api/questions/:slug with path tricks: prototype keys, encoded slashes and
 * dots, case and whitespace games. Each must be a 404 in words or a real question's
 * public view, never a hidden case nor a 500.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { allQuestions } from '../../../src/questions/bank';

const get = (path: string) => exports.default.fetch(`http://codesync.test${path}`);
const hiddenTexts = allQuestions().flatMap((q) =>
  q.question.tests.filter((c) => c.hidden).flatMap((c) => [c.stdin, c.expected].filter((t) => t.trim().length >= 12)),
);

describe('question slugs (review)', () => {
  for (const slug of [
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'toString',
    'two-sum%2Fsolution',
    'two-sum%2F..%2Ftwo-sum',
    '..%2Ftwo-sum',
    '%2e%2e',
    'two-sum%00',
    'TWO-SUM',
    '%20two-sum',
    'two-sum%3Fhidden%3D1',
  ]) {
    it(`[Q9] GET /api/questions/${slug} is 404 or a public view, never a hidden case`, async () => {
      const res = await get(`/api/questions/${slug}`);
      expect([200, 404]).toContain(res.status);
      const body = await res.text();
      for (const text of hiddenTexts) expect(body.includes(text.trim())).toBe(false);
      expect(body).not.toMatch(/"hidden"\s*:\s*true/);
    });
  }

  it('[Q9] a query string or trailing pieces add nothing to a public view', async () => {
    for (const path of [
      '/api/questions/two-sum?hidden=1&all=1',
      '/api/questions/two-sum/tests',
      '/api/questions/two-sum/',
    ]) {
      const res = await get(path);
      const body = await res.text();
      for (const text of hiddenTexts) expect(body.includes(text.trim()), path).toBe(false);
    }
  });
});
