/**
 * The report page's address: `/r/<roomId>/report`. Its token is the room's, kept in
 * session storage by the room page (room/link.ts); a link that carries `#token=` (sent
 * to an observer who never opened the room) has it moved there and out of the address
 * bar, as the room page does.
 */
import { type RoomLink, tokenKey } from '../room/link';

const REPORT_PATH = /^\/r\/([A-Za-z0-9_-]{22})\/report\/?$/;

export function isReportPath(pathname: string): boolean {
  return REPORT_PATH.test(pathname);
}

export function reportPath(roomId: string): string {
  return `/r/${roomId}/report`;
}

interface Place {
  pathname: string;
  hash: string;
}
interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function takeReportLink(place: Place, store: TokenStore, replaceUrl: (url: string) => void): RoomLink | null {
  const roomId = REPORT_PATH.exec(place.pathname)?.[1];
  if (!roomId) return null;
  const fromHash = new URLSearchParams(place.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    store.setItem(tokenKey(roomId), fromHash);
    replaceUrl(reportPath(roomId));
    return { roomId, token: fromHash };
  }
  const token = store.getItem(tokenKey(roomId));
  return token ? { roomId, token } : null;
}
