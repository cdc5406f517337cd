/**
 * /api/questions: the built-in question bank (questions/, issue 11). Public: what it
 * serves is what a candidate may see anyway, built by `questions/views.ts` from an
 * allow-list, so no hidden case's input or expected output leaves the server here.
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { fail } from '../errors';
import { publicQuestion, questionList } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { listQuestions, publicView, questionFor } from '../questions';

export const questions = new Hono<{ Bindings: Env }>();

questions.get(
  '/',
  describeRoute({
    summary: 'The question bank',
    description: 'Summaries only: no case’s input or output.',
    tag: 'questions',
    auth: 'none',
    answers: { 200: { description: 'Every question', schema: questionList } },
  }),
  (c) => c.json({ questions: listQuestions() }),
);

questions.get(
  '/:slug',
  describeRoute({
    summary: 'A question',
    description: 'Its statement (Markdown) and its visible examples; hidden cases never leave the server.',
    tag: 'questions',
    auth: 'none',
    answers: { 200: { description: 'The question', schema: publicQuestion } },
    refusals: ['not_found'],
  }),
  (c) => {
    const question = questionFor(c.req.param('slug'));
    if (!question) throw fail('not_found', 'No question with this slug. GET /api/questions lists them.');
    return c.json(publicView(question));
  },
);
