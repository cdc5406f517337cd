/**
 * `GET /api/rooms`: the signed-in account's interviews and its team's, newest first, a
 * page at a time (accounts/ownership/listing.ts); 401 without an account. Mounted at
 * /api/rooms beside rooms.ts, which has no `GET /`.
 */
import { Hono } from 'hono';
import { requireAccount } from '../accounts/current';
import { listInterviews } from '../accounts/ownership/listing';
import { listingQuery } from '../accounts/ownership/schema';
import type { Env } from '../env';
import { fail } from '../errors';
import { interviewPage } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { describeIssues } from '../validate';

export const dashboard = new Hono<{ Bindings: Env }>();

dashboard.get(
  '/',
  describeRoute({
    summary: 'Your interviews',
    description: 'The signed-in account’s interviews and its team’s, newest first, a page at a time.',
    tag: 'dashboard',
    auth: 'session',
    query: listingQuery,
    answers: { 200: { description: 'A page; `nextCursor` asks for the next', schema: interviewPage } },
  }),
  async (c) => {
    const account = await requireAccount(c);
    const query = listingQuery.safeParse(c.req.query());
    if (!query.success) throw fail('bad_request', describeIssues(query.error));
    c.header('cache-control', 'no-store');
    return c.json(await listInterviews(c.env, account.id, query.data));
  },
);
