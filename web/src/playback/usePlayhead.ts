/**
 * The playhead as state: where it is, whether it plays, at what speed, skipping idle
 * stretches or not. Playing moves it once per animation frame (clock.ts `advance`);
 * it stops at the end.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { advance, type Speed } from './clock';

export function usePlayhead(start: number, end: number, activity: ArrayLike<number>) {
  const [at, setAtState] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const [skipIdle, setSkipIdle] = useState(true);
  const atRef = useRef(at);
  const activityRef = useRef(activity);
  activityRef.current = activity;

  const setAt = useCallback(
    (next: number) => {
      atRef.current = Math.min(end, Math.max(start, next));
      setAtState(atRef.current);
    },
    [start, end],
  );

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const next = advance(atRef.current, now - last, speed, skipIdle, activityRef.current, end);
      last = now;
      setAt(next);
      if (next >= end) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, skipIdle, end, setAt]);

  const play = useCallback(() => {
    // Play from the end starts over.
    if (atRef.current >= end) setAt(start);
    setPlaying(true);
  }, [start, end, setAt]);

  const now = useCallback(() => atRef.current, []);

  return { at, now, setAt, playing, play, pause: () => setPlaying(false), speed, setSpeed, skipIdle, setSkipIdle };
}
