/**
 * Everything a room object holds beside its record, built once and wired together: the
 * document, its sockets, playback and the review desk, the interview's parts (runs, clock,
 * question, limits, packages), interactive run streams and the shared terminal. RoomDO
 * keeps transport, RPC and lifecycle; the wiring between its parts lives here, through
 * one small host for what only the object itself can do.
 *
 * @example
 * const parts = roomParts(ctx, env, { meta, record: () => record, setRecord, alarmBy, finish, roomMessage });
 * parts.sockets.join(ws, attachment, first);
 */
import { can, type Role } from '../auth/roles';
import type { Env } from '../env';
import { RunStreams } from '../interactive/runStreams';
import { RUN_HISTORY } from '../limits';
import { RoomHistory } from '../playback/roomHistory';
import { runMessageFor } from '../runs/roleView';
import { roomTerminal } from '../terminal/host';
import type { Attachment } from './connections';
import { interviewParts } from './interviewParts';
import { JoinLog } from './joinLog';
import type { RoomInfo, ServerMessage } from './messages';
import { ReviewDesk } from './reviewDesk';
import { RoomDocument } from './roomDocument';
import { writeRoomFigures } from './roomFigures';
import type { RoomMetaStore, RoomRecord } from './roomMeta';
import { RoomSockets } from './sockets';

export interface PartsHost {
  meta: RoomMetaStore;
  record(): RoomRecord | null;
  setRecord(record: RoomRecord): void;
  /** Sets the room's one alarm for `at` unless an earlier one is set. */
  alarmBy(at: number): Promise<void>;
  /** Ends the interview, however it ends (ending.ts). */
  finish(reason: string): Promise<unknown>;
  /** A JSON room message from an open socket (roomMessages.ts). */
  roomMessage(ws: WebSocket, json: unknown): Promise<void>;
}

export type RoomParts = ReturnType<typeof roomParts>;

export function roomParts(ctx: DurableObjectState, env: Env, host: PartsHost) {
  const { record, alarmBy } = host;
  const joins = new JoinLog(ctx.storage.sql);
  const playback = new RoomHistory(ctx.storage, env.SNAPSHOTS, () => document.history);
  const document: RoomDocument = new RoomDocument({ ctx, env, record, playback, alarmBy });
  const room = () => document.room;
  const sockets: RoomSockets = new RoomSockets({
    ctx,
    room,
    loaded: () => document.loaded(),
    idle: () => document.letGo(),
    canWrite: (role: Role) => can(role, 'edit') && record()?.status === 'active',
    joins,
    left: (connId) => terminal.left(connId),
    roomMessage: (ws, json) => host.roomMessage(ws, json),
    archive: () =>
      ctx.waitUntil(
        document.history
          .archive()
          // Rows became segments and a checkpoint: the history cap counts them again (LIM17).
          .then(() => document.loaded()?.recountHistory())
          .catch((error: Error) => console.error('archiving history failed', error)),
      ),
    figures: (summary, open) => writeRoomFigures(env.ROOM_METRICS, record()?.roomId ?? '', open, summary),
  });
  const interview = interviewParts(ctx, env, {
    meta: host.meta,
    record,
    setRecord: host.setRecord,
    room,
    apply: (effects) => sockets.apply(null, effects),
    tell: (message, audience) => sockets.outbox.message(message, audience),
    alarmBy,
    finish: host.finish,
    runEnded: (latencyMs) => sockets.figures.runEnded(latencyMs),
  });
  const desk = new ReviewDesk({
    playback,
    runStore: interview.runStore,
    joins,
    question: interview.question,
    room,
    sockets: () => ctx.getWebSockets(),
  });
  const streams = new RunStreams({
    secret: env.EXECUTOR_SECRET,
    roomId: () => record()?.roomId ?? null,
    kv: ctx.storage.kv,
    runs: interview.runs,
    runStore: interview.runStore,
    playback,
  });
  const terminal = roomTerminal({ ctx, env, record, room, sockets, playback, alarmBy });
  /** What a joining socket is told first, as its role sees it (before it is accepted: it is sent at once). */
  const firstMessages = async ({ connId, name, role }: Attachment, info: RoomInfo): Promise<ServerMessage[]> => [
    { type: 'hello', you: { connId, name, role }, room: info },
    interview.clock.message(),
    await interview.limits.message(),
    interview.packages.message(),
    runMessageFor({ type: 'runs', runs: interview.runStore.recent(RUN_HISTORY) }, role),
    { type: 'question', question: interview.question.view(role) },
    terminal.message(),
  ];
  return { joins, playback, document, sockets, ...interview, desk, streams, terminal, firstMessages };
}
