/**
 * /api/teams (accounts/teams/teams.ts), for a signed-in account only (401 otherwise);
 * every POST is a cookie-authenticated state change, so accounts/current.ts checks it
 * came from CodeSync's own pages (403 `cross_site`).
 *  - `GET  /`         `{team: {members: [{accountId, name, email, joinedAt, you}]} | null}`
 *  - `POST /invites`  `201 {link, token, expiresAt}`: a one-time link to the team
 *  - `POST /join`     body `{token}`: joins the invite's team
 *  - `POST /leave`    leaves the team
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireAccount } from '../accounts/current';
import type { InviteAnswer, TeamAnswer } from '../accounts/ownership/schema';
import { teamLeft } from '../accounts/revocation';
import { createInvite, joinTeam, leaveTeam, teamMembers } from '../accounts/teams/teams';
import { TOKEN_PATTERN } from '../auth/tokens';
import { publicUrl } from '../config';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { inviteAnswer, teamAnswer } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { readJson } from '../validate';

const joinBody = z
  .object({ token: z.string().regex(TOKEN_PATTERN, 'must be the token of an invite link (43 characters)') })
  .strict();

export const teams = new Hono<{ Bindings: Env }>();

/** The account's team as answered: its members, each marked `you` or not; null when in none. */
async function teamView(db: D1Database, accountId: string): Promise<TeamAnswer> {
  const members = await teamMembers(db, accountId);
  return { team: members && { members: members.map((m) => ({ ...m, you: m.accountId === accountId })) } };
}

teams.get(
  '/',
  describeRoute({
    summary: 'Your team',
    tag: 'dashboard',
    auth: 'session',
    answers: { 200: { description: 'Its members, or null when in none', schema: teamAnswer } },
  }),
  async (c) => {
    const account = await requireAccount(c);
    c.header('cache-control', 'no-store');
    return c.json(await teamView(c.env.DB, account.id));
  },
);

teams.post(
  '/invites',
  describeRoute({
    summary: 'Invite someone to your team',
    description: 'A one-time link; the token rides in its fragment.',
    tag: 'dashboard',
    auth: 'session',
    answers: { 201: { description: 'The invite link', schema: inviteAnswer } },
    refusals: ['team_conflict'],
  }),
  async (c) => {
    const account = await requireAccount(c);
    const origin = publicUrl(c.env);
    const { token, expiresAt } = unwrap(await createInvite(c.env.DB, account.id));
    // The token rides in the fragment, like a room's: browsers never send it to a server or a log.
    const answer: InviteAnswer = { link: `${origin}/dashboard#invite=${token}`, token, expiresAt };
    return c.json(answer, 201);
  },
);

teams.post(
  '/join',
  describeRoute({
    summary: 'Join a team by its invite',
    tag: 'dashboard',
    auth: 'session',
    body: { schema: joinBody, example: { token: 'q3Z0VZ4xK1c2m9T8pQ7rS6uV5wX4yA3bC2dE1fG0hIj' } },
    answers: { 200: { description: 'The team you are now in', schema: teamAnswer } },
    refusals: ['bad_request', 'team_conflict'], // bad_request: the invite was used, expired or never was
  }),
  async (c) => {
    const account = await requireAccount(c);
    const { token } = await readJson(c, joinBody);
    unwrap(await joinTeam(c.env.DB, account.id, token));
    return c.json(await teamView(c.env.DB, account.id));
  },
);

teams.post(
  '/leave',
  describeRoute({
    summary: 'Leave your team',
    tag: 'dashboard',
    auth: 'session',
    answers: { 200: { description: '`{team: null}`', schema: teamAnswer } },
    refusals: ['team_conflict'],
  }),
  async (c) => {
    const account = await requireAccount(c);
    const { left } = unwrap(await leaveTeam(c.env.DB, account.id));
    await teamLeft(c.env, account.id, left);
    return c.json({ team: null } satisfies TeamAnswer);
  },
);
