import { expect, it } from 'vitest';
import { parseRoomLink } from '../src/room/link';

const ROOM = 'abcdefghijklmnopqrstuv';

it.each([
  [`/r/${ROOM}`, '#token=t0k', { roomId: ROOM, token: 't0k' }],
  [`/r/${ROOM}/`, '#token=t0k&x=1', { roomId: ROOM, token: 't0k' }],
  [`/r/${ROOM}`, '', null],
  ['/r/short', '#token=t0k', null],
  [`/rooms/${ROOM}`, '#token=t0k', null],
])('[AUTH1] %s %s → %j', (path, hash, expected) => {
  expect(parseRoomLink(path, hash)).toEqual(expected);
});
