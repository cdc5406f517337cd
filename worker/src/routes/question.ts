/**
 * /api/rooms/:roomId/question: the room's question as the caller's role sees it, and
 * the interviewer's changes (the same ones the socket takes, question/schema.ts). The
 * role checks happen in the room's Durable Object.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { MAX_QUESTION_BODY_BYTES } from '../limits';
import { describeRoute } from '../openapi/describe';
import { questionChange, questionView } from '../room/question/schema';
import { describeIssues, readCapped } from '../validate';
import { roomFor } from './stub';

export const question = new Hono<{ Bindings: Env }>();

question.get(
  '/',
  describeRoute({
    summary: 'The room’s question',
    description: 'As the caller’s role sees it: a candidate sees hidden cases only as hidden.',
    tag: 'settings',
    auth: 'room',
    answers: { 200: { description: 'The question, or null', schema: z.object({ question: questionView.nullable() }) } },
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    return c.json({ question: unwrap(await stub.question(principal)) });
  },
);

question.put(
  '/',
  describeRoute({
    summary: 'Change the room’s question',
    description: `Edit the text, write a new question, add, edit or delete a case, or pick one from the bank. Bodies up to ${MAX_QUESTION_BODY_BYTES} bytes.`,
    tag: 'settings',
    auth: 'room',
    roles: ['interviewer'],
    body: { schema: questionChange, example: { op: 'swap', questionId: 'two-sum' } },
    answers: { 200: { description: 'The question now', schema: z.object({ question: questionView.nullable() }) } },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    // Larger than other bodies: a statement and its cases (limits.ts says why).
    const text = await readCapped(c.req.raw, MAX_QUESTION_BODY_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail('bad_json');
    }
    const parsed = questionChange.safeParse(json);
    if (!parsed.success) throw fail('bad_request', describeIssues(parsed.error));
    return c.json({ question: unwrap(await stub.changeQuestion(principal, parsed.data)) });
  },
);
