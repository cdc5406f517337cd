/**
 * `GET /api/rooms/:roomId/report`: the interview's report (report/schema.ts), for the
 * interviewer and observers. The room checks the role (`review`, auth/roles.ts) before
 * anything is gathered, so a candidate's token gets 403 and never a byte of it. An
 * ended room answers until retention deletes it (then 410, from D1).
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { describeRoute } from '../openapi/describe';
import { buildReport } from '../report/build';
import { panelRecordOf } from '../report/panel';
import { reportQuestionOf } from '../report/question';
import { reportSchema } from '../report/schema';
import { roomFor } from './stub';

export const report = new Hono<{ Bindings: Env }>();

report.get(
  '/:roomId/report',
  describeRoute({
    summary: 'The interview’s report',
    description:
      'The question with every case, the final code, runs, test runs, joins, notes, scorecard and signals. Never cached.',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer', 'observer'],
    answers: { 200: { description: 'The report', schema: reportSchema } },
  }),
  async (c) => {
    const { stub, principal, roomId } = await roomFor(c);
    const parts = unwrap(await stub.reportParts(principal));
    const panel = await panelRecordOf(c.env, roomId);
    // Notes and hidden cases: never kept by a shared cache or the browser's.
    c.header('cache-control', 'no-store');
    return c.json(buildReport(parts, reportQuestionOf(parts.question), panel, Date.now()));
  },
);
