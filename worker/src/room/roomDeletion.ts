/**
 * Deleting a room when its retention is over (RET2), from inside its Durable Object:
 * R2 and D1 first (retention.ts), then the sockets, the alarm and the object's own
 * storage, last. A failure before the last step throws, and the alarm is retried.
 *
 * @example
 * await deleteRoom(this.ctx, this.env, record.roomId);
 */
import type { Env } from '../env';
import { CLOSE_CODES } from './closeCodes';
import { closeSocket } from './connections';
import { deleteOutsideObject, retentionDays } from './retention';

export async function deleteRoom(ctx: DurableObjectState, env: Env, roomId: string | null): Promise<void> {
  if (roomId !== null) {
    await deleteOutsideObject(env, roomId, retentionDays(env));
    // The panel's notes, scorecard and signals (panel/PanelDO.ts) are kept no longer than the room.
    await env.PANEL.get(env.PANEL.idFromName(roomId)).erase();
  }
  for (const ws of ctx.getWebSockets()) {
    closeSocket(ws, CLOSE_CODES.roomEnded, 'This interview was deleted.');
  }
  await ctx.storage.deleteAlarm();
  await ctx.storage.deleteAll();
}
