/**
 * "Restore to here" on the playback page (interviewer only, while the room is active):
 * the room's files go back to the playhead's moment, for everyone, with "Undo restore".
 */
import type { RestoreAnswer } from '@codesync/worker/restore';
import { can } from '@codesync/worker/roles';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { RoomLink } from '../room/link';
import { restoreTo } from './restoreApi';
import { UndoRestore } from './UndoRestore';

export function RestoreHere({ link, at }: { link: RoomLink; at: number }) {
  const [may, setMay] = useState(false);
  const [done, setDone] = useState<RestoreAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ status: string; you: { role: 'interviewer' | 'candidate' | 'observer' } }>(`/api/rooms/${link.roomId}`, {
      token: link.token,
    }).then(
      (room) => live && setMay(room.status === 'active' && can(room.you.role, 'restore')),
      () => live && setMay(false),
    );
    return () => {
      live = false;
    };
  }, [link]);
  if (!may) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          restoreTo(link.roomId, link.token, at).then(setDone, (failure) => setError(messageOf(failure)));
        }}
      >
        Restore to here
      </button>
      {error && <span role="alert">{error}</span>}
      {done && <UndoRestore roomId={link.roomId} token={link.token} done={done} onDone={setDone} />}
    </>
  );
}
