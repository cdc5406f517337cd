/**
 * The dashboard's contract (`GET /api/rooms`, accounts/ownership/listing.ts), shared
 * with the web app (`@codesync/worker/dashboard`): the query it takes and the page it answers.
 */
import { z } from 'zod';
import type { Recommendation } from '../../panel/panelDoc';
import type { RoomStatus } from '../../room/messages';
import { DASHBOARD_MAX_PAGE_SIZE, DASHBOARD_PAGE_SIZE } from '../limits';

const CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/;

/** `GET /api/rooms` query. */
export const listingQuery = z
  .object({
    cursor: z
      .string()
      .regex(CURSOR, 'must be the nextCursor of the previous page')
      .transform((value) => {
        const [, createdAt, roomId] = CURSOR.exec(value) as RegExpExecArray;
        return { createdAt: Number(createdAt), roomId: roomId as string };
      })
      .optional(),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(DASHBOARD_MAX_PAGE_SIZE, `must be at most ${DASHBOARD_MAX_PAGE_SIZE}`)
      .default(DASHBOARD_PAGE_SIZE),
  })
  .strict();
export type ListingQuery = z.infer<typeof listingQuery>;

/** One interview as the dashboard lists it. */
export interface Interview {
  roomId: string;
  title: string;
  language: string;
  status: RoomStatus;
  createdAt: number;
  endedAt: number | null;
  /** From creation to the end; null while the interview is still open. */
  durationMs: number | null;
  /** Whose it is: yours, or a team member's (`team: true`, joined as an observer). */
  owner: { name: string; you: boolean };
  team: boolean;
  question: string | null;
  candidate: string | null;
  /** The scorecard's recommendation, null until someone gives one. */
  verdict: Recommendation | null;
  /** Addresses without a token: the owner's and the team's session opens them. */
  links: { room: string; report: string; playback: string };
}

/** A page of the list; `nextCursor` asks for the next one (null: this was the last). */
export interface InterviewPage {
  interviews: Interview[];
  nextCursor: string | null;
}

/** `GET /api/teams`, `POST /api/teams/join`, `POST /api/teams/leave` (routes/teams.ts). */
export interface TeamAnswer {
  team: { members: { accountId: string; name: string; email: string | null; joinedAt: number; you: boolean }[] } | null;
}

/** `POST /api/teams/invites`: the one-time link (the token rides in its fragment). */
export interface InviteAnswer {
  link: string;
  token: string;
  expiresAt: number;
}
