/**
 * The clock's phase and time left, on the server's clock (this browser's plus the offset
 * measured when the room last told the clock), re-read a few times a second while a
 * clock runs. The phases are the server's own rules (worker/src/room/clock.ts).
 */
import { type ClockPhase, clockPhase } from '@codesync/worker/clock';
import type { RoomView } from '@codesync/worker/room-view';
import { useEffect, useState } from 'react';

/** Often enough that the seconds never visibly skip. */
const TICK_MS = 250;

export interface ClockNow {
  phase: ClockPhase;
  /** Milliseconds left (0 without a clock). */
  leftMs: number;
}

export function useClock(clock: RoomView['clock'], offsetMs: number, ended: boolean): ClockNow {
  const running = clock?.endsAt != null && !ended;
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() + offsetMs), TICK_MS);
    return () => clearInterval(timer);
  }, [offsetMs, running]);
  if (ended || !clock || clock.endsAt === null) return { phase: 'off', leftMs: 0 };
  return { phase: clockPhase(clock.endsAt, clock.ending, now), leftMs: Math.max(0, clock.endsAt - now) };
}
