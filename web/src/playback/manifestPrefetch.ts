/**
 * Starts reading a playback's manifest as soon as the route is known, in parallel with
 * downloading the playback page's own chunk (CodeMirror, the player): the first frame
 * waits for the slower of the two instead of both in turn. Kept tiny and free of the
 * page's imports so the app's main chunk can hold it.
 */
import { api } from '../api/client';

/** A prefetch older than this is not used: the room may have moved on. */
const FRESH_MS = 10_000;
const pending = new Map<string, { answer: Promise<unknown>; at: number }>();

/** Starts the request (once per room and token); a refusal is kept for the page to show. */
export function prefetchManifest(roomId: string, token: string): void {
  const key = `${roomId}\u0000${token}`;
  const started = pending.get(key);
  if (started && Date.now() - started.at < FRESH_MS) return;
  const answer = api(`/api/rooms/${roomId}/history`, { token });
  answer.catch(() => {}); // read (and shown) by the page; never an unhandled rejection
  pending.set(key, { answer, at: Date.now() });
}

/** The prefetched answer, taken once (a later visit asks again), or a fresh request. */
export function takeManifest(roomId: string, token: string): Promise<unknown> {
  const key = `${roomId}\u0000${token}`;
  const started = pending.get(key);
  pending.delete(key);
  if (started && Date.now() - started.at < FRESH_MS) return started.answer;
  return api(`/api/rooms/${roomId}/history`, { token });
}
