/**
 * An account's interviews for its dashboard (`GET /api/rooms`): the rooms it owns and
 * those its team's members own, active and ended (deleted ones are gone), newest first,
 * a page at a time. The cursor is the last row's `<createdAt>.<roomId>`: rows are
 * ordered by both, so a page never repeats or skips a room however many are created
 * meanwhile. The room and its panel add the candidate, the question and the verdict,
 * each asked with the account's principal, so the room checks `review` as for any caller.
 */
import { publicUrl } from '../../config';
import type { Env } from '../../env';
import type { RoomStatus } from '../../room/messages';
import { panelStub } from '../../routes/panel';
import { roomStub } from '../../routes/stub';
import type { AccountPrincipal } from './access';
import type { Interview, InterviewPage, ListingQuery } from './schema';

interface Row {
  id: string;
  title: string;
  language: string;
  status: RoomStatus;
  created_at: number;
  ended_at: number | null;
  owner_account_id: string;
  owner_name: string;
}

export async function listInterviews(env: Env, accountId: string, query: ListingQuery): Promise<InterviewPage> {
  const after = query.cursor ?? null;
  const { results } = await env.DB.prepare(
    `SELECT r.id, r.title, r.language, r.status, r.created_at, r.ended_at, r.owner_account_id, a.name AS owner_name
     FROM rooms r JOIN accounts a ON a.id = r.owner_account_id
     WHERE r.status != 'deleted'
       AND (r.owner_account_id = ? OR r.owner_account_id IN (
         SELECT colleague.account_id FROM team_members me
         JOIN team_members colleague ON colleague.team_id = me.team_id
         WHERE me.account_id = ?))
       AND (? IS NULL OR r.created_at < ? OR (r.created_at = ? AND r.id < ?))
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT ?`,
  )
    .bind(
      accountId,
      accountId,
      after?.createdAt ?? null,
      after?.createdAt ?? null,
      after?.createdAt ?? null,
      after?.roomId ?? null,
      query.limit + 1,
    )
    .all<Row>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  const origin = publicUrl(env);
  return {
    interviews: await Promise.all(page.map((row) => interview(env, accountId, row, origin))),
    nextCursor: results.length > query.limit && last ? `${last.created_at}.${last.id}` : null,
  };
}

async function interview(env: Env, accountId: string, row: Row, origin: string): Promise<Interview> {
  const mine = row.owner_account_id === accountId;
  // The role the account would have in the room (access.ts): the owner, or a colleague.
  const principal: AccountPrincipal = { kind: 'account', accountId, role: mine ? 'interviewer' : 'observer' };
  const [summary, panel] = await Promise.all([
    roomStub(env, row.id).summary(principal),
    panelStub(env, row.id).recordFor(principal),
  ]);
  const page = `${origin}/r/${row.id}`;
  return {
    roomId: row.id,
    title: row.title,
    language: row.language,
    status: row.status,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    durationMs: row.ended_at === null ? null : row.ended_at - row.created_at,
    owner: { name: row.owner_name, you: mine },
    team: !mine,
    question: summary.ok ? summary.value.question : null,
    candidate: summary.ok ? summary.value.candidate : null,
    verdict: panel.ok ? panel.value.scorecard.recommendation : null,
    links: { room: page, report: `${page}/report`, playback: `${page}/playback` },
  };
}
