/**
 * What the clock tells everyone outside the header: the 10-second countdown before the
 * room ends (over the page, so nobody misses it and nothing moves), and words for a room
 * that ended because time was up. The 5-minute warning is in the header (Clock.tsx).
 */
import type { RoomInfo } from '@codesync/worker/messages';
import type { ClockNow } from './useClock';

export function ClockNotice({ now }: { now: ClockNow }) {
  if (now.phase === 'ending' || now.phase === 'over') {
    return (
      <div className="clock-ending" role="alert">
        Time is almost up: the interview ends in <strong>{Math.ceil(now.leftMs / 1000)} s</strong> and becomes
        read-only.
      </div>
    );
  }
  return null;
}

/** Why an ended room ended, in words: time ran out, or the interviewer ended it. */
export function endedWords(room: RoomInfo | null): string {
  const byClock = room?.endsAt != null && room.endedAt !== null && room.endedAt >= room.endsAt;
  return byClock
    ? 'Time is up: this interview has ended. Everything is read-only.'
    : 'This interview has ended. Everything is read-only.';
}
