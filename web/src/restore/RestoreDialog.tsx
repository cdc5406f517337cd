/**
 * The interviewer's restore dialog: the room's automatic restore points (before each
 * run, every five minutes of activity, before each restore), newest first; picking one
 * restores the files to that moment for everyone.
 */
import type { RestoreAnswer, RestorePoint } from '@codesync/worker/restore';
import { useEffect, useState } from 'react';
import { messageOf } from '../api/client';
import { clockTime } from '../playback/markers';
import { fetchRestorePoints, restoreTo } from './restoreApi';

export function RestoreDialog(props: { roomId: string; token: string; onClose(done: RestoreAnswer | null): void }) {
  const { roomId, token, onClose } = props;
  const [points, setPoints] = useState<RestorePoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    fetchRestorePoints(roomId, token).then(
      (list) => live && setPoints(list),
      (failure) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [roomId, token]);

  async function pick(point: RestorePoint) {
    setBusy(true);
    setError(null);
    try {
      onClose(await restoreTo(roomId, token, point.at));
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div className="share-panel restore-dialog" role="dialog" aria-label="Restore the files">
      <h2 className="restore-title">Restore the files to an earlier moment</h2>
      <p className="muted">Everyone sees the files change; nothing is erased from the history, and you can undo it.</p>
      {points === null && !error && <p className="muted">Loading the restore points…</p>}
      {points?.length === 0 && (
        <p className="muted">No restore points yet: one is made before each run and every five minutes of editing.</p>
      )}
      <ul className="restore-points">
        {points?.map((point) => (
          <li className="restore-point" key={`${point.kind}:${point.at}`}>
            <button type="button" disabled={busy} onClick={() => void pick(point)}>
              {clockTime(point.at)}
            </button>{' '}
            {point.label}
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
      <button type="button" className="link" onClick={() => onClose(null)}>
        Close
      </button>
    </div>
  );
}
