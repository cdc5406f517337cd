/**
 * POST /api/rooms/:roomId/tests — runs the room's test cases as one executor job
 * (interviewer, candidate). The results arrive on the room's socket as a run of kind
 * `tests`, each role sent its own view (runs/roleView.ts).
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { runStarted } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { testsRequest } from '../room/messages';
import { readJson } from '../validate';
import { roomFor } from './stub';

export const tests = new Hono<{ Bindings: Env }>();

tests.post(
  '/',
  describeRoute({
    summary: 'Run the question’s test cases',
    description: 'One sandbox compiles once and runs every case; results arrive on the socket, each role its own view.',
    tag: 'runs',
    auth: 'room',
    roles: ['interviewer', 'candidate'],
    body: { schema: testsRequest, example: { path: 'main.py' } },
    answers: { 202: { description: 'The test run is queued', schema: runStarted } },
    refusals: ['no_tests', 'tests_too_large', 'no_such_file', 'run_in_progress', 'rate_limited', 'room_ended'],
  }),
  async (c) => {
    const body = await readJson(c, testsRequest);
    const { stub, principal } = await roomFor(c);
    const { runId } = unwrap(await stub.startTests(principal, body));
    return c.json({ runId }, 202);
  },
);
