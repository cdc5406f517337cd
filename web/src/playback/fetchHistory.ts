/**
 * Reads a room's history: the manifest (`GET /api/rooms/:roomId/history`, JSON, checked
 * against the worker's schema) and its pages of updates (binary, page.ts), through the
 * app's one API client. A refusal comes back as the server's own words (a candidate's
 * 403 says who may watch).
 */
import { type PlaybackManifest, type PlaybackPage, playbackManifest } from '@codesync/worker/playback-schema';
import { apiBytes, messageOf } from '../api/client';
import { takeManifest } from './manifestPrefetch';

export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

export async function fetchManifest(roomId: string, token: string): Promise<Answer<PlaybackManifest>> {
  let body: unknown;
  try {
    body = await takeManifest(roomId, token);
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  const parsed = playbackManifest.safeParse(body);
  if (!parsed.success) {
    console.error('the history does not match its schema', parsed.error.issues.slice(0, 5));
    return { ok: false, message: 'The history came back in a shape this page does not know. Reload to update it.' };
  }
  return { ok: true, value: parsed.data };
}

/** One page of updates, as bytes (decodePage reads them). */
export async function fetchPage(roomId: string, token: string, page: PlaybackPage): Promise<Answer<Uint8Array>> {
  try {
    const path = `/api/rooms/${roomId}/history/updates?from=${page.from}&to=${page.to}`;
    return { ok: true, value: await apiBytes(path, { token }) };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}
