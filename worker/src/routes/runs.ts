/**
 * /api/runs/:runId — a run's result and output, and its diagnostics, for any token
 * of the run's room. D1's index row says which room; the room's own storage has the run.
 */
import { Hono } from 'hono';
import { authenticate } from '../auth/principal';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { analysis } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { run as runView } from '../runs/run';
import { bearerToken, roomFor, roomStub } from './stub';

export const runs = new Hono<{ Bindings: Env }>();

async function runFor(env: Env, runId: string, request: Request) {
  const row = await env.DB.prepare('SELECT room_id FROM runs WHERE id = ?').bind(runId).first<{ room_id: string }>();
  if (!row) throw fail('no_such_run', 'No run with this id.');
  const principal = unwrap(await authenticate(env, row.room_id, bearerToken(request)));
  return unwrap(await roomStub(env, row.room_id).runDetails(principal, runId));
}

runs.get(
  '/:runId',
  describeRoute({
    summary: 'A run: its state, output and verdict',
    description: 'Any token of the run’s room; the caller’s role’s view.',
    tag: 'runs',
    auth: 'link',
    answers: { 200: { description: 'The run', schema: runView } },
    refusals: ['no_such_run', 'not_found', 'gone'],
  }),
  async (c) => c.json(await runFor(c.env, c.req.param('runId'), c.req.raw)),
);

runs.get(
  '/:runId/analysis',
  describeRoute({
    summary: 'A run’s diagnostics',
    description: 'Static analysis of the run’s files; empty until the run has finished.',
    tag: 'runs',
    auth: 'link',
    answers: { 200: { description: 'The diagnostics', schema: analysis } },
    refusals: ['no_such_run', 'not_found', 'gone'],
  }),
  async (c) => {
    const run = await runFor(c.env, c.req.param('runId'), c.req.raw);
    // Analysis belongs to a finished run; until then (or if it failed) there is none.
    return c.json({ runId: run.runId, diagnostics: run.state === 'finished' ? run.diagnostics : [] });
  },
);

/**
 * /api/rooms/:roomId/runs/:runId — the same run, addressed through its room. Like
 * every run the room answers, it is the caller's role's view (runs/roleView.ts).
 */
export const roomRuns = new Hono<{ Bindings: Env }>();

roomRuns.get(
  '/:runId',
  describeRoute({
    summary: 'A run of this room',
    description: 'The same run as GET /api/runs/{runId}, addressed through its room.',
    tag: 'runs',
    auth: 'room',
    answers: { 200: { description: 'The run', schema: runView } },
    refusals: ['no_such_run'],
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.runDetails(principal, c.req.param('runId'))));
  },
);
