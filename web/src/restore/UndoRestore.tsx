/**
 * Said after a restore, to whoever made it: which moment the files went back to, and
 * "Undo restore" (a restore to the moment just before it, SPEC RST5).
 */
import type { RestoreAnswer } from '@codesync/worker/restore';
import { useState } from 'react';
import { messageOf } from '../api/client';
import { clockTime } from '../playback/markers';
import { restoreTo } from './restoreApi';

export function UndoRestore(props: {
  roomId: string;
  token: string;
  done: RestoreAnswer;
  onDone(answer: RestoreAnswer | null): void;
}) {
  const { roomId, token, done, onDone } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function undo() {
    setBusy(true);
    try {
      await restoreTo(roomId, token, done.restoredFrom);
      onDone(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <p className="banner restore-done" role="status">
      {done.changed
        ? `The files are back as they were at ${clockTime(done.at)}.`
        : `The files already were as at ${clockTime(done.at)}.`}{' '}
      <button type="button" disabled={busy} onClick={() => void undo()}>
        Undo restore
      </button>{' '}
      <button type="button" className="link" onClick={() => onDone(null)}>
        Dismiss
      </button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
