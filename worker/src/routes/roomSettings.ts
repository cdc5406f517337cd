/**
 * /api/rooms/:roomId/clock and /language: the interviewer's controls over the interview's
 * clock (room/clock.ts) and the room's language (room/languageSwitch.ts); /limits: an
 * editor's change to the room's run limits (runs/runLimits.ts). Bodies are
 * checked here; who may do it, and whether the room is still active, by the room.
 */
import { LANGUAGE_IDS } from '@codesync/executor/languages';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { describeRoute } from '../openapi/describe';
import { clockChange, clockMessage } from '../room/clock';
import { roomInfo } from '../room/messages';
import { limitsMessage, runLimitsChange } from '../runs/runLimits';
import { readJson } from '../validate';
import { roomFor } from './stub';

const languageBody = z.object({
  language: z.enum(LANGUAGE_IDS, { error: `must be one of ${LANGUAGE_IDS.join(', ')}` }),
});

export const roomSettings = new Hono<{ Bindings: Env }>();

roomSettings.post(
  '/:roomId/clock',
  describeRoute({
    summary: 'Change the interview’s clock',
    description: 'Extend it, set the time left, or clear it; everyone in the room is told.',
    tag: 'settings',
    auth: 'room',
    roles: ['interviewer'],
    body: { schema: clockChange, example: { action: 'set', seconds: 1800 } },
    answers: { 200: { description: 'The clock now', schema: clockMessage.omit({ type: true }) } },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const change = await readJson(c, clockChange);
    const { stub, principal } = await roomFor(c);
    const { endsAt, now, ending } = unwrap(await stub.changeClock(principal, change));
    return c.json({ endsAt, now, ending });
  },
);

roomSettings.post(
  '/:roomId/language',
  describeRoute({
    summary: 'Switch the room’s language',
    tag: 'settings',
    auth: 'room',
    roles: ['interviewer'],
    body: { schema: languageBody, example: { language: 'go' } },
    answers: { 200: { description: 'The room in its new language', schema: roomInfo } },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const { language } = await readJson(c, languageBody);
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.switchLanguage(principal, language)));
  },
);

roomSettings.post(
  '/:roomId/limits',
  describeRoute({
    summary: 'Change the room’s run limits',
    tag: 'settings',
    auth: 'room',
    roles: ['interviewer', 'candidate'],
    body: { schema: runLimitsChange, example: { timeMs: 3000, memoryMb: 256 } },
    answers: {
      200: { description: 'The limits in force and their maxima', schema: limitsMessage.omit({ type: true }) },
    },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const change = await readJson(c, runLimitsChange);
    const { stub, principal } = await roomFor(c);
    const { type: _type, ...limits } = unwrap(await stub.changeLimits(principal, change));
    return c.json(limits);
  },
);
