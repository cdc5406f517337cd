/**
 * The interviewer restores the room's files to an earlier moment (SPEC RST1–RST5). The
 * files at `at` come from playback's one reconstruction (RoomHistory.readAt, with the
 * file ids); the difference is applied to the live document as one new change by the
 * room (docRestore.ts), stored and sent like any update, so the history keeps every
 * edit and everyone connected sees the files change. The timeline records who restored
 * to when. The change gets a moment of its own, after every update before it, so the
 * moment just before it (`restoredFrom`) reads the files as they were: restoring to it
 * undoes the restore.
 *
 * @example
 * const answer = await restoreTo(host, 'interviewer', record, Date.now() - 60_000);
 * if (answer.ok) await restoreTo(host, 'interviewer', record, answer.value.restoredFrom); // undo
 */
import type { Role } from '../auth/roles';
import type { RoomHistory } from '../playback/roomHistory';
import { ok, type Result, refused } from '../refusals';
import type { Room } from '../room/room';
import type { RoomRecord } from '../room/roomMeta';
import type { RoomSockets } from '../room/sockets';
import { restoreFiles, restoreSizeProblem, targetOf } from './docRestore';
import type { RestoreAnswer } from './schema';

export interface RestoreHost {
  /** Whether the room is still active: it may end while the files are read (RST14). */
  active: () => boolean;
  room: () => Room;
  sockets: RoomSockets;
  playback: RoomHistory;
}

/**
 * Why `at` is not a moment of the room's life, naming the field and the range, or null: a
 * restore and playback's `files?at=` (reviewDesk.ts) both ask here. The life runs from the
 * room's making to now, or to its last update when that is later (a clock that stepped
 * back stamps updates ahead of it, documentLog.ts; the moment before a restore is one).
 */
export function momentProblem(at: number, createdAt: number, lastAt: number, now = Date.now()): string | null {
  const latest = Math.max(now, lastAt);
  const range = `between ${createdAt} (when the room was made) and ${latest} (now), in unix milliseconds`;
  if (at < createdAt) return `at: the room was made at ${createdAt}; pick a moment after that: ${range}`;
  if (at > latest) return `at: ${at} is in the future (it is ${latest} now); pick a past moment: ${range}`;
  return null;
}

export async function restoreTo(
  host: RestoreHost,
  by: Role,
  record: RoomRecord,
  at: number,
  now = Date.now(),
): Promise<Result<RestoreAnswer>> {
  const before = host.room();
  const outside = momentProblem(at, record.createdAt, before.lastAt(), now);
  if (outside) return refused('bad_request', outside);
  before.flush(); // the history reads stored rows
  const { answer: target } = await host.playback.readAt(at, targetOf);
  if (target.files.length === 0) {
    return refused('bad_request', 'at: the room had no files yet at that moment; pick a later one');
  }
  // The room may have ended during the wait: nobody changes an interview after its end.
  if (!host.active())
    return refused('room_ended', 'The interview ended while the files were read; they stay as they are.');
  // Read after the wait: the difference is taken from the document as it is now.
  const room = host.room();
  const tooLarge = restoreSizeProblem(room.doc, target);
  if (tooLarge) return refused('doc_too_large', `${tooLarge} The files were not restored.`);
  const stamp = Math.max(Date.now(), room.lastAt() + 1);
  const { effects } = room.change((doc) => restoreFiles(doc, target), stamp);
  host.sockets.apply(null, effects);
  const restoredFrom = stamp - 1;
  const who = host.playback.restored(by, at, restoredFrom, stamp);
  return ok({
    at,
    restoredFrom,
    changed: effects.length > 0,
    by: who,
    files: target.files.map(({ path, content }) => ({ path, content })),
  });
}
