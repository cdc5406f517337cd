/**
 * Schemas for the answers that the code types as TypeScript interfaces only (the
 * answers that have a zod schema use it: roomInfo, run, playbackManifest, reportSchema
 * …). Each is pinned to its interface with `Same<…>`, so a change to the answer that
 * is not made here too fails the typecheck instead of leaving the document wrong.
 */
import { diagnostic } from '@codesync/executor/api';
import { z } from 'zod';
import type { SignInMethods } from '../accounts/methods';
import type { InterviewPage, InviteAnswer, TeamAnswer } from '../accounts/ownership/schema';
import { ROLES } from '../auth/roles';
import { RECOMMENDATIONS } from '../panel/panelDoc';
import { COMPARISONS, DIFFICULTIES, TOPICS } from '../questions/schema';
import type { PublicQuestion, QuestionSummary } from '../questions/views';
import type { FileContent } from '../room/doc';
import { roomInfo, roomStatus } from '../room/messages';
import type { RoomDetails } from '../room/RoomDO';

/** True only when A and B are the same type (both ways assignable). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const role = z.enum(ROLES);
const byRole = <T extends z.ZodType>(value: T) => z.object({ interviewer: value, candidate: value, observer: value });

export const ok = z.object({ ok: z.literal(true) });
export const roomCreated = z.object({ roomId: z.string(), links: byRole(z.url()), tokens: byRole(z.string()) });
export const linkReplaced = z.object({ role, link: z.url(), token: z.string() });
export const runStarted = z.object({ runId: z.string() });
export const ticket = z.object({ ticket: z.string(), expiresAt: z.number().describe('unix ms') });
export const analysis = z.object({ runId: z.string(), diagnostics: z.array(diagnostic) });

export const roomDetails = roomInfo.extend({
  you: z.object({ role }),
  online: z.array(z.object({ name: z.string(), role, rttMs: z.number().int().nullable() })),
});
const fileContent = z.object({ path: z.string(), content: z.string() });
export const roomFiles = z.object({ files: z.array(fileContent), entry: z.string().nullable() });

const summary = z.object({
  slug: z.string(),
  title: z.string(),
  difficulty: z.enum(DIFFICULTIES),
  topics: z.array(z.enum(TOPICS)),
  timeSuggestionMin: z.number(),
  cases: z.object({ visible: z.number(), hidden: z.number() }),
});
export const questionList = z.object({ questions: z.array(summary) });
export const publicQuestion = summary.extend({
  statement: z.string().describe('Markdown'),
  examples: z.array(
    z.object({
      name: z.string(),
      stdin: z.string(),
      expected: z.string(),
      compare: z.enum(COMPARISONS),
      timeLimitMs: z.number().optional(),
    }),
  ),
});

const accountView = z.object({ id: z.string(), email: z.string().nullable(), name: z.string() });
export const signedIn = z.object({ account: accountView });
export const signUpAnswer = z.object({ ok: z.literal(true), message: z.string() });
export const signInMethods = z.object({
  password: z.boolean(),
  identities: z.array(
    z.object({ issuer: z.string(), subject: z.string(), email: z.string().nullable(), linkedAt: z.number() }),
  ),
});
export const providers = z.object({ oidc: z.object({ name: z.string(), start: z.string() }).nullable() });

export const interviewPage = z.object({
  interviews: z.array(
    z.object({
      roomId: z.string(),
      title: z.string(),
      language: z.string(),
      status: roomStatus,
      createdAt: z.number(),
      endedAt: z.number().nullable(),
      durationMs: z.number().nullable(),
      owner: z.object({ name: z.string(), you: z.boolean() }),
      team: z.boolean(),
      question: z.string().nullable(),
      candidate: z.string().nullable(),
      verdict: z.enum(RECOMMENDATIONS).nullable(),
      links: z.object({ room: z.string(), report: z.string(), playback: z.string() }),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const teamAnswer = z.object({
  team: z
    .object({
      members: z.array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          email: z.string().nullable(),
          joinedAt: z.number(),
          you: z.boolean(),
        }),
      ),
    })
    .nullable(),
});
export const inviteAnswer = z.object({ link: z.url(), token: z.string(), expiresAt: z.number() });

// The pins: each line fails to compile when the answer and its schema part ways.
export const PINNED: true[] = [
  true satisfies Same<z.infer<typeof roomDetails>, RoomDetails>,
  true satisfies Same<z.infer<typeof fileContent>, FileContent>,
  true satisfies Same<z.infer<typeof summary>, QuestionSummary>,
  true satisfies Same<z.infer<typeof publicQuestion>, PublicQuestion>,
  true satisfies Same<z.infer<typeof signInMethods>, SignInMethods>,
  true satisfies Same<z.infer<typeof interviewPage>, InterviewPage>,
  true satisfies Same<z.infer<typeof teamAnswer>, TeamAnswer>,
  true satisfies Same<z.infer<typeof inviteAnswer>, InviteAnswer>,
];
