/**
 * The role links an interviewer received, kept in this browser only. The server
 * stores hashes of tokens, never the tokens, so the room page can show a link only if
 * this browser was given it: at creation, or when the interviewer replaced it.
 */
import type { Role } from '@codesync/worker/roles';

export type SavedLinks = Partial<Record<Role, string>>;

const key = (roomId: string) => `codesync.links.${roomId}`;

export function savedLinks(roomId: string): SavedLinks {
  try {
    return JSON.parse(localStorage.getItem(key(roomId)) ?? '{}') as SavedLinks;
  } catch (error) {
    console.warn('unreadable saved links; starting afresh', error);
    return {};
  }
}

/** Keeps `links` (merged over what was kept) for the room. */
export function saveLinks(roomId: string, links: SavedLinks): SavedLinks {
  const merged = { ...savedLinks(roomId), ...links };
  localStorage.setItem(key(roomId), JSON.stringify(merged));
  return merged;
}
