/**
 * The room header's file actions: "Download zip" for everyone, and for the interviewer
 * "Fork" (a new room with these files, opened in a new tab) and "Restore…" (the dialog of
 * restore points, then "Undo restore"). The server checks every role again.
 */

import type { RestoreAnswer } from '@codesync/worker/restore';
import { can, type Role } from '@codesync/worker/roles';
import { useState } from 'react';
import { messageOf } from '../api/client';
import { RestoreDialog } from './RestoreDialog';
import { downloadZip, forkRoom } from './restoreApi';
import { UndoRestore } from './UndoRestore';

export function RoomFileActions(props: { roomId: string; token: string; role: Role | undefined; ended: boolean }) {
  const { roomId, token, role, ended } = props;
  const [dialog, setDialog] = useState(false);
  const [done, setDone] = useState<RestoreAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = (what: () => Promise<void>) => () => {
    setError(null);
    what().catch((failure) => setError(messageOf(failure)));
  };
  return (
    <>
      <button type="button" onClick={act(() => downloadZip(roomId, token))}>
        Download zip
      </button>
      {role && can(role, 'fork') && (
        <button type="button" onClick={act(async () => void window.open(await forkRoom(roomId, token), '_blank'))}>
          Fork
        </button>
      )}
      {role && can(role, 'restore') && !ended && (
        <button type="button" aria-expanded={dialog} onClick={() => setDialog(!dialog)}>
          Restore…
        </button>
      )}
      {error && (
        <span className="muted" role="alert">
          {error}
        </span>
      )}
      {dialog && (
        <RestoreDialog
          roomId={roomId}
          token={token}
          onClose={(answer) => {
            setDialog(false);
            if (answer) setDone(answer);
          }}
        />
      )}
      {done && <UndoRestore roomId={roomId} token={token} done={done} onDone={setDone} />}
    </>
  );
}
