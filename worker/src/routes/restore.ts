/**
 * Restore points, the zip and the fork (issue 17 item 2, SPEC "Restore points"):
 *   POST /api/rooms/:roomId/restore {at}      interviewer: the files as they were at `at`, as a new edit
 *   GET  /api/rooms/:roomId/restore-points    interviewer, observers: automatic moments to restore to
 *   GET  /api/rooms/:roomId/files.zip         any role: the room's files now, as a zip
 *   POST /api/rooms/:roomId/fork              interviewer: a new room with this one's language, question and files
 * The room checks every role (auth/roles.ts `restore`, `review`, `read`, `fork`).
 */
import { Hono } from 'hono';
import { creatorOf } from '../accounts/ownership/policy';
import type { Env } from '../env';
import { unwrap } from '../errors';
import { roomCreated } from '../openapi/answers';
import { describeRoute } from '../openapi/describe';
import { restoreAnswer, restoreBody, restorePoints } from '../restore/schema';
import { zipFiles } from '../restore/zip';
import { readJson } from '../validate';
import { createRoom } from './rooms';
import { roomFor } from './stub';

export const restore = new Hono<{ Bindings: Env }>();

restore.post(
  '/:roomId/restore',
  describeRoute({
    summary: 'Restore the files to a moment',
    description:
      'The files as they were at `at` (unix ms, within the room’s life), applied as a new edit by the room: nothing is erased from history, and restoring to `restoredFrom` undoes it. A moment outside the room’s life is 400 `bad_request` naming `at`.',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer'],
    body: { schema: restoreBody, example: { at: 1_764_672_000_000 } },
    answers: { 200: { description: 'What was restored, and the moment to undo it to', schema: restoreAnswer } },
    refusals: ['bad_request', 'room_ended', 'doc_too_large'],
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    const { at } = await readJson(c, restoreBody);
    return c.json(unwrap(await stub.restore(principal, at)));
  },
);

restore.get(
  '/:roomId/restore-points',
  describeRoute({
    summary: 'Restore points',
    description:
      'Moments to restore to, newest first: before each run, every 5 minutes of activity, before each restore.',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer', 'observer'],
    answers: { 200: { description: 'The restore points', schema: restorePoints } },
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    c.header('cache-control', 'no-store');
    return c.json(unwrap(await stub.restorePoints(principal)));
  },
);

restore.get(
  '/:roomId/files.zip',
  describeRoute({
    summary: 'Download the files as a zip',
    description: 'The room’s files now, at their paths (never absolute, never `..`).',
    tag: 'rooms',
    auth: 'room',
    roles: ['interviewer', 'candidate', 'observer'],
    answers: {
      200: {
        description: 'A zip of the files',
        contentType: 'application/zip',
        headers: { 'Content-Disposition': 'attachment; filename="codesync-<roomId>.zip"' },
      },
    },
  }),
  async (c) => {
    const { stub, principal, roomId } = await roomFor(c);
    const { files } = unwrap(await stub.files(principal));
    const bytes = zipFiles(files);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="codesync-${roomId}.zip"`,
      'cache-control': 'no-store',
    });
  },
);

restore.post(
  '/:roomId/fork',
  describeRoute({
    summary: 'Fork the room',
    description:
      'A new room with this one’s language, question and current files, answered as room creation is: its links and their tokens (shown once). It belongs to the signed-in account, if any.',
    tag: 'rooms',
    auth: 'room',
    roles: ['interviewer'],
    answers: { 201: { description: 'The new room, its links and their tokens', schema: roomCreated } },
    refusals: ['not_signed_in', 'rate_limited'],
  }),
  async (c) => {
    const { stub, principal } = await roomFor(c);
    const source = unwrap(await stub.forkSource(principal));
    const ownerId = await creatorOf(c); // the fork is the signed-in account's, like any room it makes
    const { title, language, questionId, seed } = source;
    return c.json(await createRoom(c, ownerId, { title, language, questionId }, seed), 201);
  },
);
