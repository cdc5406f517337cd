/**
 * Who is here, with role and how each one's connection is (HealthDot.tsx); the
 * connection's own state on top.
 */
import type { Peer } from '@codesync/worker/messages';
import { type HealthState, UNKNOWN_HEALTH } from '../room/health';
import type { Status } from '../room/roomState';
import { HealthDot } from './HealthDot';

const STATUS_TEXT: Record<Status, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting… your edits are kept',
  offline: 'Offline: your edits are kept and sent when you are back',
};

/**
 * The socket's state in words. `attempts`: tries that failed before the socket opened;
 * from the first one the person is told the room is not answering and that it keeps
 * trying. `catchingUp`: connected, but the room's answers take over a second
 * (room/roundTrip.ts), so what others type arrives late; `data-status` stays
 * `connected` (the connection works, it is slow).
 */
export function ConnectionBadge({
  status,
  attempts = 0,
  catchingUp = false,
}: {
  status: Status;
  attempts?: number;
  catchingUp?: boolean;
}) {
  const stillTrying = status !== 'connected' && status !== 'offline' && attempts > 0;
  const lagging = status === 'connected' && catchingUp;
  const text = stillTrying
    ? `No answer from the room; still trying (${attempts})…`
    : lagging
      ? 'Catching up…'
      : STATUS_TEXT[status];
  return (
    <span
      className={`status status-${lagging ? 'catching-up' : status}`}
      role="status"
      data-status={status}
      data-catching-up={lagging || undefined}
      title={lagging ? 'The room takes over a second to answer: what others type arrives late.' : undefined}
    >
      {text}
    </span>
  );
}

/** `health`: each other person's, by connection (peerHealth.ts); `own`: this page's, measured here. */
export function People({
  peers,
  you,
  health = new Map(),
  own = UNKNOWN_HEALTH,
}: {
  peers: readonly Peer[];
  you: Peer | null;
  health?: ReadonlyMap<string, HealthState>;
  own?: HealthState;
}) {
  return (
    <section className="people" aria-label="People in the room">
      <h2>Here now</h2>
      <ul>
        {peers.map((p) => (
          <li key={p.connId}>
            <span className="dot" aria-hidden="true" />
            {p.name}
            {p.connId === you?.connId && <span className="muted"> (you)</span>}
            <span className={`role role-${p.role}`}>{p.role}</span>
            <HealthDot state={p.connId === you?.connId ? own : (health.get(p.connId) ?? UNKNOWN_HEALTH)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
