/**
 * The restore API as the web app calls it (worker/src/routes/restore.ts): restore to a
 * moment (and undo, by restoring to `restoredFrom`), the automatic restore points, the
 * zip, the fork. Answers are parsed with the worker's own schemas.
 *
 * @example
 * const answer = await restoreTo(roomId, token, point.at);
 * await restoreTo(roomId, token, answer.restoredFrom); // undo
 */
import { type RestoreAnswer, type RestorePoint, restoreAnswer, restorePoints } from '@codesync/worker/restore';
import { api, apiBytes } from '../api/client';

export async function restoreTo(roomId: string, token: string, at: number): Promise<RestoreAnswer> {
  const answer = await api(`/api/rooms/${roomId}/restore`, { method: 'POST', token, body: { at: Math.floor(at) } });
  return restoreAnswer.parse(answer);
}

export async function fetchRestorePoints(roomId: string, token: string): Promise<RestorePoint[]> {
  return restorePoints.parse(await api(`/api/rooms/${roomId}/restore-points`, { token })).points;
}

/** Saves the room's files as `codesync-<roomId>.zip` (the token rides in a header, so the page fetches it). */
export async function downloadZip(roomId: string, token: string): Promise<void> {
  const bytes = await apiBytes(`/api/rooms/${roomId}/files.zip`, { token });
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `codesync-${roomId}.zip`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A new room with this one's files; answers the new room's interviewer link. */
export async function forkRoom(roomId: string, token: string): Promise<string> {
  const created = await api<{ links: { interviewer: string } }>(`/api/rooms/${roomId}/fork`, { method: 'POST', token });
  return created.links.interviewer;
}
