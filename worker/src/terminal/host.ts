/**
 * The room's terminal wired to its parts (RoomDO.ts stays a few lines longer, no more):
 * the executor client, the room's files and document, its sockets and its history.
 */

import { publicUrl } from '../config';
import type { Env } from '../env';
import type { RoomHistory } from '../playback/roomHistory';
import { postJob } from '../room/executorClient';
import type { Room } from '../room/room';
import type { RoomRecord } from '../room/roomMeta';
import type { RoomSockets } from '../room/sockets';
import { bringBack } from './bringBack';
import { RoomTerminal } from './roomTerminal';

export interface TerminalParts {
  ctx: DurableObjectState;
  env: Env;
  record: () => RoomRecord | null;
  room: () => Room;
  sockets: RoomSockets;
  playback: RoomHistory;
  alarmBy: (at: number) => Promise<void>;
}

export function roomTerminal(parts: TerminalParts): RoomTerminal {
  const { env, sockets } = parts;
  return new RoomTerminal({
    secret: env.EXECUTOR_SECRET,
    roomId: () => parts.record()?.roomId ?? null,
    room: () => {
      const record = parts.record();
      return record ? { language: record.language, active: record.status === 'active' } : null;
    },
    files: () => parts.room().files(),
    post: (job) => postJob(env, job),
    callbackBase: () => publicUrl(env),
    tell: (message, audience) => sockets.outbox.message(message, audience),
    kv: parts.ctx.storage.kv,
    alarmBy: parts.alarmBy,
    log: parts.playback,
    bringBack: (path, content, by) => {
      const written = bringBack(parts.room(), path, content, by.role);
      if (!written.ok) return written.problem;
      sockets.apply(null, written.effects);
      return null;
    },
  });
}
