/**
 * How each other person's connection is, read from their presence: the round trip their
 * own page measured and shared (`rttMs`, room/health.ts), and how long ago their presence
 * was last renewed. The room stamps each state with the connection it came from
 * (`connId`, worker presence.ts), which is how a state finds its line in "Here now".
 *
 * @example
 * const byConn = usePeerHealth(connection); // Map<connId, HealthState>
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { classifyPeer, type HealthState } from '../room/health';

/** How often staleness is looked at again (a silent peer sends nothing that would). */
const RECHECK_MS = 1_000;

interface Presence {
  connId?: unknown;
  rttMs?: unknown;
}

/** Each connection's health from the presence states and when each was last renewed (unix ms). */
export function peerHealthOf(
  states: ReadonlyMap<number, Presence>,
  lastUpdated: (clientId: number) => number | undefined,
  now: number,
): Map<string, HealthState> {
  const byConn = new Map<string, HealthState>();
  for (const [clientId, state] of states) {
    if (typeof state.connId !== 'string') continue;
    const rttMs = typeof state.rttMs === 'number' ? state.rttMs : null;
    const silentMs = now - (lastUpdated(clientId) ?? now);
    byConn.set(state.connId, { health: classifyPeer(rttMs, silentMs), rttMs });
  }
  return byConn;
}

const same = (a: Map<string, HealthState>, b: Map<string, HealthState>) =>
  a.size === b.size && [...a].every(([id, s]) => b.get(id)?.health === s.health && b.get(id)?.rttMs === s.rttMs);

export function usePeerHealth(awareness: Awareness | null): Map<string, HealthState> {
  const [byConn, setByConn] = useState(() => new Map<string, HealthState>());
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const next = peerHealthOf(
        awareness.getStates() as Map<number, Presence>,
        (clientId) => awareness.meta.get(clientId)?.lastUpdated,
        Date.now(),
      );
      setByConn((prev) => (same(prev, next) ? prev : next));
    };
    read();
    awareness.on('update', read);
    const timer = setInterval(read, RECHECK_MS);
    return () => {
      awareness.off('update', read);
      clearInterval(timer);
    };
  }, [awareness]);
  return byConn;
}
