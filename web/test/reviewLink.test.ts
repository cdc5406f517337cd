import { expect, it } from 'vitest';
import { takeRoomLink } from '../src/room/link';
import { reviewPath, takeReviewLink } from '../src/room/reviewLink';

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
  expect(takeReviewLink('report', { pathname: `/r/${ROOM}/report`, hash: '' }, s, (u) => urls.push(u))).toEqual({
    roomId: ROOM,
    token: 't0k',
  });
  expect(urls).toEqual([]);
  // Opened from a link that carries its token.
  const fresh = store();
  expect(
    takeReviewLink('report', { pathname: `/r/${ROOM}/report`, hash: '#token=obs' }, fresh, (u) => urls.push(u)),
  ).toEqual({
    roomId: ROOM,
    token: 'obs',
  });
  expect(urls).toEqual([`/r/${ROOM}/report`]);
  expect(takeRoomLink({ pathname: `/r/${ROOM}`, hash: '' }, fresh, () => {})).toEqual({ roomId: ROOM, token: 'obs' });
  // No token anywhere, or not a report address.
  expect(takeReviewLink('report', { pathname: `/r/${ROOM}/report`, hash: '' }, store(), () => {})).toBeNull();
  expect(takeReviewLink('report', { pathname: `/r/${ROOM}`, hash: '#token=obs' }, store(), () => {})).toBeNull();
  expect(
    takeReviewLink('report', { pathname: `/r/${ROOM}/report/x`, hash: '#token=obs' }, store(), () => {}),
  ).toBeNull();
});

it('[PLAYW1] the playback page takes its token the way the report page does, and only at its own address', () => {
  const s = store();
  const urls: string[] = [];
  expect(reviewPath(ROOM, 'playback')).toBe(`/r/${ROOM}/playback`);
  expect(
    takeReviewLink('playback', { pathname: `/r/${ROOM}/playback`, hash: '#token=obs' }, s, (u) => urls.push(u)),
  ).toEqual({ roomId: ROOM, token: 'obs' });
  // The token leaves the address bar, and a reload (or the report) finds it in the session.
  expect(urls).toEqual([`/r/${ROOM}/playback`]);
  expect(takeReviewLink('playback', { pathname: `/r/${ROOM}/playback/`, hash: '' }, s, () => {})).toEqual({
    roomId: ROOM,
    token: 'obs',
  });
  expect(takeReviewLink('report', { pathname: `/r/${ROOM}/report`, hash: '' }, s, () => {})).toEqual({
    roomId: ROOM,
    token: 'obs',
  });
  // One page's address is not the other's; a short or odd room id is no room.
  expect(takeReviewLink('playback', { pathname: `/r/${ROOM}/report`, hash: '#token=x' }, store(), () => {})).toBeNull();
  expect(takeReviewLink('playback', { pathname: '/r/short/playback', hash: '#token=x' }, store(), () => {})).toBeNull();
  expect(takeReviewLink('playback', { pathname: `/r/${ROOM}/playback`, hash: '' }, store(), () => {})).toBeNull();
});
