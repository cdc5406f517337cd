import { describe, expect, it } from 'vitest';
import { joinName, parseRoomLink, takeRoomLink } from '../src/room/link';

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

describe('takeRoomLink', () => {
  const store = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  };
  it('[SEC-TICKET6] hole 11: moves the token out of the address bar into session storage; a reload finds it', () => {
    const s = store();
    const urls: string[] = [];
    const link = takeRoomLink({ pathname: `/r/${ROOM}`, hash: '#token=t0k' }, s, (u) => urls.push(u));
    expect(link).toEqual({ roomId: ROOM, token: 't0k' });
    expect(urls).toEqual([`/r/${ROOM}`]);
    expect(takeRoomLink({ pathname: `/r/${ROOM}`, hash: '' }, s, (u) => urls.push(u))).toEqual(link);
    expect(takeRoomLink({ pathname: `/r/${'x'.repeat(22)}`, hash: '' }, s, (u) => urls.push(u))).toBeNull();
  });
});

describe('joinName', () => {
  it('[LIM7] takes 40 emoji and refuses the 41st as the room does, saying how characters count', () => {
    expect(joinName('😀'.repeat(40))).toEqual({ ok: true, name: '😀'.repeat(40) });
    expect(joinName('👩\u200d💻'.repeat(40))).toEqual({ ok: true, name: '👩\u200d💻'.repeat(40) });
    expect(joinName('😀'.repeat(41))).toEqual({
      ok: false,
      problem: 'Your name must be at most 40 characters, counted as they show (an emoji or an accented letter is one).',
    });
  });

  it('[LIM16] a name with nothing to see cannot be joined with; invisible characters go', () => {
    for (const typed of ['', '   ', '\u200b', '\u2060\u200b '])
      expect(joinName(typed)).toEqual({ ok: false, problem: null });
    expect(joinName(' \u200bAda\u202e ')).toEqual({ ok: true, name: 'Ada' });
  });
});
