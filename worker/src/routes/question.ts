/**
 * /api/rooms/:roomId/question: the room's question as the caller's role sees it, and
 * the interviewer's changes (the same ones the socket takes, question/schema.ts). The
 * role checks happen in the room's Durable Object.
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { MAX_QUESTION_BODY_BYTES } from '../limits';
import { questionChange } from '../room/question/schema';
import { describeIssues, readCapped } from '../validate';
import { roomFor } from './stub';

export const question = new Hono<{ Bindings: Env }>();

question.get('/', async (c) => {
  const { stub, principal } = await roomFor(c);
  return c.json({ question: unwrap(await stub.question(principal)) });
});

question.put('/', async (c) => {
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
});
