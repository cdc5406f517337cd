/**
 * The panel's routes under /api/rooms/:roomId (the panel's Durable Object, PanelDO):
 *  - `GET  /panel`   WebSocket (Upgrade): the notes doc and live signals, for the
 *                    interviewer and observers; without Upgrade, the record as JSON.
 *  - `POST /signals` the candidate's browser reports an integrity signal.
 * Callers are authenticated like the room's (stub.ts); a role that may not review is
 * refused here, before the panel's object is woken, and again inside it.
 */
import { Hono } from 'hono';
import { PRINCIPAL_HEADER, type Principal } from '../auth/principal';
import { can, cannot } from '../auth/roles';
import type { Env } from '../env';
import { fail, unwrap } from '../errors';
import { describeRoute } from '../openapi/describe';
import { signalReport } from '../panel/signals';
import { panelRecord } from '../report/schema';
import { readJson } from '../validate';
import { roomFor, socketCaller } from './stub';

export const panel = new Hono<{ Bindings: Env }>();

export function panelStub(env: Env, roomId: string) {
  return env.PANEL.get(env.PANEL.idFromName(roomId));
}

function mustReview(principal: Principal): void {
  if (!can(principal.role, 'review')) throw fail('forbidden', cannot(principal.role, 'review'));
}

panel.get(
  '/:roomId/panel',
  describeRoute({
    summary: 'The panel: notes, scorecard, signals',
    description: 'Without Upgrade: the record as JSON. With Upgrade: websocket (and `?ticket=`), the notes doc live.',
    tag: 'review',
    auth: 'room',
    roles: ['interviewer', 'observer'],
    answers: {
      200: { description: 'The panel’s record', schema: panelRecord },
      101: { description: 'Switching protocols (WebSocket)' },
    },
  }),
  async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      const { principal, roomId } = await roomFor(c);
      mustReview(principal);
      return c.json(unwrap(await panelStub(c.env, roomId).recordFor(principal)));
    }
    const { roomId, principal } = await socketCaller(c);
    mustReview(principal);
    const headers = new Headers(c.req.raw.headers);
    headers.set(PRINCIPAL_HEADER, JSON.stringify(principal));
    return panelStub(c.env, roomId).fetch(new Request(c.req.raw, { headers }));
  },
);

panel.post(
  '/:roomId/signals',
  describeRoute({
    summary: 'Report an integrity signal',
    description: 'The candidate’s browser reports a large paste or leaving the tab; nothing comes back.',
    tag: 'review',
    auth: 'room',
    roles: ['candidate'],
    body: { schema: signalReport, example: { kind: 'focus', state: 'left' } },
    answers: { 204: { description: 'Recorded' } },
    refusals: ['room_ended'],
  }),
  async (c) => {
    const report = await readJson(c, signalReport);
    const { principal, roomId } = await roomFor(c);
    if (!can(principal.role, 'signal')) throw fail('forbidden', cannot(principal.role, 'signal'));
    // Signals are about the interview: what a tab still open after the end reports is not.
    const room = await c.env.DB.prepare('SELECT status FROM rooms WHERE id = ?')
      .bind(roomId)
      .first<{ status: string }>();
    if (room?.status !== 'active') throw fail('room_ended', 'The interview has ended; no more signals are recorded.');
    unwrap(await panelStub(c.env, roomId).signal(principal, report));
    // Nothing of the panel's goes back to the candidate: not even the stored signal.
    return c.body(null, 204);
  },
);
