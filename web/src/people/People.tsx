/**
 * Who is here, with role; the connection's own state on top.
 */
import type { Peer } from '@codesync/worker/messages';
import type { Status } from '../room/connection';

const STATUS_TEXT: Record<Status, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting… your edits are kept',
  offline: 'Offline: your edits are kept and sent when you are back',
};

export function ConnectionBadge({ status }: { status: Status }) {
  return (
    <span className={`status status-${status}`} role="status" data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}

export function People({ peers, you }: { peers: readonly Peer[]; you: Peer | null }) {
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
          </li>
        ))}
      </ul>
    </section>
  );
}
