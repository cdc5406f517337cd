import { expect, it } from 'vitest';
import { isReportPath, takeReportLink } from '../src/report/reportLink';
import { takeRoomLink } from '../src/room/link';

const ROOM = 'abcdefghijklmnopqrstuv';

const store = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

it('[REP8] the report page finds the token the room page kept, or moves a #token= out of the address bar', () => {
  const s = store();
  const urls: string[] = [];
  // Opened from the room: the room page already moved the token into session storage.
  takeRoomLink({ pathname: `/r/${ROOM}`, hash: '#token=t0k' }, s, () => {});
  expect(takeReportLink({ pathname: `/r/${ROOM}/report`, hash: '' }, s, (u) => urls.push(u))).toEqual({
    roomId: ROOM,
    token: 't0k',
  });
  expect(urls).toEqual([]);
  // Opened from a link that carries its token.
  const fresh = store();
  expect(takeReportLink({ pathname: `/r/${ROOM}/report`, hash: '#token=obs' }, fresh, (u) => urls.push(u))).toEqual({
    roomId: ROOM,
    token: 'obs',
  });
  expect(urls).toEqual([`/r/${ROOM}/report`]);
  expect(takeRoomLink({ pathname: `/r/${ROOM}`, hash: '' }, fresh, () => {})).toEqual({ roomId: ROOM, token: 'obs' });
  // No token anywhere, or not a report address.
  expect(takeReportLink({ pathname: `/r/${ROOM}/report`, hash: '' }, store(), () => {})).toBeNull();
  expect(isReportPath(`/r/${ROOM}/report`)).toBe(true);
  expect(isReportPath(`/r/${ROOM}`)).toBe(false);
  expect(isReportPath(`/r/${ROOM}/report/x`)).toBe(false);
});
