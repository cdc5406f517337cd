import { expect, it } from 'vitest';
import {
  advance,
  countAtOrBefore,
  IDLE_GAP_MS,
  IDLE_PASS_MS,
  mergeSorted,
  nextTime,
  previousTime,
} from '../src/playback/clock';
import { keyAction } from '../src/playback/keys';

const T0 = 1_800_000_000_000;

it('[PLAYW4] playing moves the playhead by wall time × speed and stops at the end', () => {
  const activity = [T0, T0 + 100, T0 + 200];
  expect(advance(T0, 16, 1, false, activity, T0 + 10_000)).toBe(T0 + 16);
  expect(advance(T0, 16, 32, false, activity, T0 + 10_000)).toBe(T0 + 512);
  expect(advance(T0 + 9_990, 16, 32, false, activity, T0 + 10_000)).toBe(T0 + 10_000);
});

it('[PLAYW4] "skip idle" passes a gap longer than IDLE_GAP_MS in about IDLE_PASS_MS, and leaves busy stretches at speed', () => {
  const gap = 10 * 60_000;
  const activity = [T0, T0 + 500, T0 + 500 + gap, T0 + 600 + gap];
  const end = T0 + 600 + gap;
  // Inside the ten idle minutes: one second of frames crosses it.
  let at = T0 + 501;
  let frames = 0;
  while (at < T0 + 500 + gap && frames < 1000) {
    at = advance(at, 16, 1, true, activity, end);
    frames++;
  }
  expect(frames * 16).toBeGreaterThanOrEqual(IDLE_PASS_MS - 32);
  expect(frames * 16).toBeLessThanOrEqual(IDLE_PASS_MS + 32);
  // Without the option, or in a gap shorter than IDLE_GAP_MS, the speed is the speed.
  expect(advance(T0 + 501, 16, 1, false, activity, end)).toBe(T0 + 517);
  const busy = [T0, T0 + IDLE_GAP_MS - 1];
  expect(advance(T0 + 1, 16, 2, true, busy, T0 + IDLE_GAP_MS)).toBe(T0 + 33);
  // A speed faster than the skip keeps its speed.
  const short = [T0, T0 + IDLE_GAP_MS + 1];
  expect(advance(T0 + 1, 16, 32, true, short, T0 + IDLE_GAP_MS + 1)).toBe(T0 + 1 + 16 * 32);
});

it('[PLAYW4] previous/next event step strictly past the playhead; the position counts updates at or before it', () => {
  const events = [T0 + 10, T0 + 20, T0 + 30];
  expect(nextTime(events, T0 + 10)).toBe(T0 + 20);
  expect(nextTime(events, T0)).toBe(T0 + 10);
  expect(nextTime(events, T0 + 30)).toBeNull();
  expect(previousTime(events, T0 + 20)).toBe(T0 + 10);
  expect(previousTime(events, T0 + 10)).toBeNull();
  expect(previousTime(events, T0 + 31)).toBe(T0 + 30);
  const times = Float64Array.from([T0, T0, T0 + 5, T0 + 9]);
  expect(countAtOrBefore(times, T0 - 1)).toBe(0);
  expect(countAtOrBefore(times, T0)).toBe(2);
  expect(countAtOrBefore(times, T0 + 6)).toBe(3);
  expect(countAtOrBefore(times, T0 + 100)).toBe(4);
  expect([...mergeSorted([1, 4, 9], [2, 4, 10])]).toEqual([1, 2, 4, 4, 9, 10]);
});

it('[PLAYW5] the keyboard: space, ←/→, J/K/L, and never a key typed into a field or with a modifier', () => {
  const key = (k: string, over: Partial<Parameters<typeof keyAction>[0]> = {}) =>
    keyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: null, ...over });
  expect(key(' ')).toBe('toggle');
  expect(key('ArrowLeft')).toBe('previous');
  expect(key('ArrowRight')).toBe('next');
  expect(key('j')).toBe('back');
  expect(key('K')).toBe('pause');
  expect(key('l')).toBe('forward');
  expect(key('x')).toBeNull();
  expect(key('l', { ctrlKey: true })).toBeNull();
  expect(key(' ', { target: { tagName: 'INPUT' } as unknown as EventTarget })).toBeNull();
  expect(key('j', { target: { tagName: 'SELECT' } as unknown as EventTarget })).toBeNull();
  expect(key(' ', { target: { tagName: 'BUTTON' } as unknown as EventTarget })).toBe('toggle');
});
