/**
 * /api/rooms/:roomId/packages: an editor (interviewer or candidate) declares the
 * libraries the room's runs in its current language install (room/packages.ts). The
 * body's shape is checked here; who may, and what the specs may say, by the room.
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { describeRoute } from '../openapi/describe';
import { packagesChange, packagesMessage } from '../room/packagesSchema';
import { readJson } from '../validate';
import { roomFor } from './stub';

export const roomPackages = new Hono<{ Bindings: Env }>();

roomPackages.post(
  '/:roomId/packages',
  describeRoute({
    summary: 'Declare the libraries the room’s runs install',
    description:
      'Replaces the list of the room’s current language (python: pip, javascript: npm); exact `name@version` specs.',
    tag: 'settings',
    auth: 'room',
    roles: ['interviewer', 'candidate'],
    body: { schema: packagesChange, example: { packages: ['left-pad@1.3.0'] } },
    answers: { 200: { description: 'Every language’s list', schema: packagesMessage } },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const { packages } = await readJson(c, packagesChange);
    const { stub, principal } = await roomFor(c);
    return c.json(unwrap(await stub.setPackages(principal, packages)));
  },
);
