/**
 * Live statement edits (web/src/problem/throttle.ts): sent while typing, not per keystroke.
 * Fake timers: the test counts sends, it never waits on the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { THROTTLE_MS, throttled } from '../src/problem/throttle';

describe('throttled live edits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('[RQ10] a burst of keystrokes goes out as one message with the newest text, THROTTLE_MS after the first', () => {
    const sent: string[] = [];
    const send = throttled((v: string) => sent.push(v));
    for (const text of ['#', '# T', '# Tw', '# Two']) send(text);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(THROTTLE_MS);
    expect(sent).toEqual(['# Two']);
    // Typing on: the next window sends again, so a reader sees the text grow.
    send('# Two S');
    vi.advanceTimersByTime(THROTTLE_MS / 2);
    send('# Two Sum');
    vi.advanceTimersByTime(THROTTLE_MS / 2);
    expect(sent).toEqual(['# Two', '# Two Sum']);
    vi.advanceTimersByTime(THROTTLE_MS * 3);
    expect(sent).toEqual(['# Two', '# Two Sum']);
  });

  it('[RQ10] leaving the editor sends what waits at once; cancel drops it', () => {
    const sent: string[] = [];
    const send = throttled((v: string) => sent.push(v));
    send('last word');
    send.flush();
    expect(sent).toEqual(['last word']);
    send.flush();
    expect(sent).toEqual(['last word']);
    send('dropped');
    send.cancel();
    vi.advanceTimersByTime(THROTTLE_MS * 2);
    expect(sent).toEqual(['last word']);
  });
});
