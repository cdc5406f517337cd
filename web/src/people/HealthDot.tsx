/**
 * A connection's health in words, not colour alone: "good", "slow" or "lost" beside a
 * person's name with the round trip in its tooltip, and, to the person themselves, a
 * banner while their own connection is slow or lost (room/health.ts decides which).
 */
import { type Health, type HealthState, LOST_AFTER_MS } from '../room/health';

const WORDS: Record<Health, string> = { good: 'good', slow: 'slow', lost: 'lost', unknown: '…' };

function figure({ health, rttMs }: HealthState): string {
  if (rttMs === null) return health === 'lost' ? 'Connection lost' : 'Round trip not measured yet';
  const trip = `round trip ${rttMs} ms`;
  return health === 'lost' ? `Connection lost (last ${trip})` : `Connection ${health}: ${trip}`;
}

export function HealthDot({ state }: { state: HealthState }) {
  const text = figure(state);
  // The word is shown; the figure is in the tooltip and, for screen readers, in hidden text.
  return (
    <span className={`health health-${state.health}`} data-health={state.health} title={text}>
      <span className="health-dot" aria-hidden="true" />
      <span aria-hidden="true">{WORDS[state.health]}</span>
      <span className="health-words">{text}</span>
    </span>
  );
}

/** Shown only while this page's own connection is slow or lost; gone once it recovers. */
export function HealthBanner({ state }: { state: HealthState }) {
  if (state.health !== 'slow' && state.health !== 'lost') return null;
  const text =
    state.health === 'slow'
      ? `Your connection to the room is slow (round trip ${state.rttMs} ms): what you type reaches the others late, and theirs reaches you late.`
      : `Your connection to the room is lost: no answer for ${LOST_AFTER_MS / 1000} s or more. Your edits are kept and sent once it is back.`;
  return (
    <p className={`banner health-banner health-banner-${state.health}`} role="status" data-health={state.health}>
      {text}
    </p>
  );
}
