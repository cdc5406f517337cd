/**
 * /api/rooms/:roomId/clock and /language: the interviewer's controls over the interview's
 * clock (room/clock.ts) and the room's language (room/languageSwitch.ts). Bodies are
 * checked here; who may do it, and whether the room is still active, by the room.
 */
import { LANGUAGE_IDS } from '@codesync/executor/languages';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { clockChange } from '../room/clock';
import { readJson } from '../validate';
import { roomFor } from './stub';

const languageBody = z.object({
  language: z.enum(LANGUAGE_IDS, { error: `must be one of ${LANGUAGE_IDS.join(', ')}` }),
});

export const roomSettings = new Hono<{ Bindings: Env }>();

roomSettings.post('/:roomId/clock', async (c) => {
  const change = await readJson(c, clockChange);
  const { stub, principal } = await roomFor(c);
  const { endsAt, now, ending } = unwrap(await stub.changeClock(principal, change));
  return c.json({ endsAt, now, ending });
});

roomSettings.post('/:roomId/language', async (c) => {
  const { language } = await readJson(c, languageBody);
  const { stub, principal } = await roomFor(c);
  return c.json(unwrap(await stub.switchLanguage(principal, language)));
});
