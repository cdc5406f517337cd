/**
 * POST /api/rooms/:roomId/tests — runs the room's test cases as one executor job
 * (interviewer, candidate). The results arrive on the room's socket as a run of kind
 * `tests`, each role sent its own view (runs/roleView.ts).
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { testsRequest } from '../room/messages';
import { readJson } from '../validate';
import { roomFor } from './stub';

export const tests = new Hono<{ Bindings: Env }>();

tests.post('/', async (c) => {
  const body = await readJson(c, testsRequest);
  const { stub, principal } = await roomFor(c);
  const { runId } = unwrap(await stub.startTests(principal, body));
  return c.json({ runId }, 202);
});
