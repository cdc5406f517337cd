/**
 * How a room ends, however it ends (the interviewer, or the clock): read-only from now,
 * everyone told, every socket closed with the reason, D1 `ended`, the snapshot in R2,
 * the deletion scheduled (retention.ts). Ending twice answers the first ending.
 *
 * @example
 * const ended = await endRoom(host, 'The interviewer ended the interview.');
 */
import type { Env } from '../env';
import { EVERYONE } from './audience';
import type { JoinLog } from './joinLog';
import { CLOSE_CODES, type RoomInfo } from './messages';
import { deletionTime, retentionDays } from './retention';
import type { RoomMetaStore, RoomRecord } from './roomMeta';
import type { RoomSockets } from './sockets';

export interface EndingHost {
  env: Env;
  meta: RoomMetaStore;
  joins: JoinLog;
  sockets: RoomSockets;
  record: () => RoomRecord;
  setRecord: (record: RoomRecord) => void;
  saveSnapshot: () => Promise<void>;
  alarmBy: (at: number) => Promise<void>;
}

export async function endRoom(host: EndingHost, reason: string): Promise<RoomInfo> {
  const record = host.record();
  if (record.status === 'ended') return record;
  const endedAt = Date.now();
  const deleteAt = deletionTime(endedAt, retentionDays(host.env));
  host.meta.markEnded(endedAt, deleteAt);
  const ended: RoomRecord = { ...record, status: 'ended', endedAt };
  host.setRecord(ended);
  host.sockets.outbox.message({ type: 'room', room: ended }, EVERYONE);
  host.joins.allLeft(endedAt);
  host.sockets.endAll(CLOSE_CODES.roomEnded, reason);
  await Promise.all([
    host.saveSnapshot(),
    host.env.DB.prepare("UPDATE rooms SET status = 'ended', ended_at = ? WHERE id = ?")
      .bind(endedAt, record.roomId)
      .run(),
    host.alarmBy(deleteAt),
  ]);
  return ended;
}
