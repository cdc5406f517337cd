/**
 * The addresses of a room's review pages: `/r/<roomId>/report` and
 * `/r/<roomId>/playback`. Their token is the room's, kept in session storage by the
 * room page (room/link.ts); a link that carries `#token=` (sent to an observer who
 * never opened the room) has it moved there and out of the address bar, as the room
 * page does.
 */
import { type RoomLink, tokenKey } from './link';

export const REVIEW_PAGES = ['report', 'playback'] as const;
export type ReviewPage = (typeof REVIEW_PAGES)[number];

export function reviewPath(roomId: string, page: ReviewPage): string {
  return `/r/${roomId}/${page}`;
}

interface Place {
  pathname: string;
  hash: string;
}
interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function takeReviewLink(
  page: ReviewPage,
  place: Place,
  store: TokenStore,
  replaceUrl: (url: string) => void,
): RoomLink | null {
  const roomId = new RegExp(`^/r/([A-Za-z0-9_-]{22})/${page}/?$`).exec(place.pathname)?.[1];
  if (!roomId) return null;
  const fromHash = new URLSearchParams(place.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    store.setItem(tokenKey(roomId), fromHash);
    replaceUrl(reviewPath(roomId, page));
    return { roomId, token: fromHash };
  }
  const token = store.getItem(tokenKey(roomId));
  return token ? { roomId, token } : null;
}
