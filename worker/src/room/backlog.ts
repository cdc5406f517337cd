/**
 * Bounded send queues. workerd has no `bufferedAmount`, so the room counts what it sent
 * each socket and learns what the client has taken from the sync protocol itself: every
 * stock Yjs provider answers a sync step 1 with a step 2, in order, after everything sent
 * before it. So now and then (every PROBE_EVERY_BYTES) the room sends a step 1 carrying
 * its state vector — a probe — and the client's next step 2 proves it read up to there.
 *
 * A socket more than MAX_BACKLOG_BYTES behind its last answered probe is held: it gets
 * no more broadcasts. When it answers a probe it is released with ONE update, the diff
 * from that probe's state vector, instead of every frame it missed; so a slow client
 * resyncs instead of queueing without limit.
 *
 * Only a frame after which the client has the whole document (a tick's update, a step 2
 * answer) may carry a probe: then the probe's state vector is exactly what it has been
 * sent. Frames it still had queued are duplicates of the diff, which Yjs ignores.
 *
 * @example
 * const backlogs = new Backlogs();
 * backlogs.opened(connId);                 // the welcome's step 1 is answered first
 * if (!backlogs.held(connId)) send(frame);
 * if (backlogs.sent(connId, frame.byteLength, true)) sendProbe(stateVector);
 * const release = backlogs.answered(connId); // on a step 2 from the client
 */
import { MAX_BACKLOG_BYTES, PROBE_EVERY_BYTES } from '../limits';

interface Probe {
  /** Bytes sent to the socket up to and including the probe. */
  at: number;
  /** The room's state vector in the probe; null: the welcome's, sent before the client had anything. */
  stateVector: Uint8Array | null;
}

interface Backlog {
  sent: number;
  /** Sent up to the last answered probe: what the client is known to have read. */
  taken: number;
  lastProbeAt: number;
  /** Probes not yet answered, oldest first (a client answers them in order). */
  probes: Probe[];
  held: boolean;
}

/** What `sent` asks of the caller: send a probe now; and whether the socket was just held. */
export interface AfterSend {
  probe: boolean;
  /** Held by this frame: the room keeps where it stands (the state vector) across hibernation. */
  held: boolean;
}

export class Backlogs {
  readonly #sockets = new Map<string, Backlog>();

  /** A socket joined: the welcome's step 1 is outstanding. */
  opened(connId: string): void {
    this.#sockets.set(connId, {
      sent: 0,
      taken: 0,
      lastProbeAt: 0,
      probes: [{ at: 0, stateVector: null }],
      held: false,
    });
  }

  forget(connId: string): void {
    this.#sockets.delete(connId);
  }

  /** Whether this object has an account for the socket (a woken one has none until `restore`). */
  known(connId: string): boolean {
    return this.#sockets.has(connId);
  }

  /**
   * A socket the object did not know (it woke): `heldFrom` is the state vector it was held
   * at, as kept in its attachment, or null when it was not held. A held one is released by
   * its next answer with the diff from there (whichever probe that answers: every probe
   * was sent before the room held it, so the diff is never short).
   */
  restore(connId: string, heldFrom: Uint8Array | null): void {
    const probes = heldFrom ? [{ at: 0, stateVector: heldFrom }] : [];
    this.#sockets.set(connId, { sent: 0, taken: 0, lastProbeAt: 0, probes, held: heldFrom !== null });
  }

  /** Whether broadcasts to this socket are held until it catches up. */
  held(connId: string): boolean {
    return this.#sockets.get(connId)?.held ?? false;
  }

  /** Bytes not yet shown taken (for tests and figures). */
  behind(connId: string): number {
    const backlog = this.#sockets.get(connId);
    return backlog ? backlog.sent - backlog.taken : 0;
  }

  /**
   * `bytes` were sent; `whole`: after this frame the client has been sent the whole
   * document. `probe`: a probe should follow now (then call `probed`).
   */
  sent(connId: string, bytes: number, whole: boolean): AfterSend {
    const backlog = this.#backlog(connId);
    backlog.sent += bytes;
    if (!whole) return { probe: false, held: false };
    const held = !backlog.held && backlog.sent - backlog.taken > MAX_BACKLOG_BYTES;
    if (held) backlog.held = true;
    const waiting = backlog.probes.some((probe) => probe.stateVector !== null);
    const probe = !waiting && (backlog.held || backlog.sent - backlog.lastProbeAt >= PROBE_EVERY_BYTES);
    return { probe, held };
  }

  /** A probe (sync step 1 with `stateVector`, `bytes` long) was sent. */
  probed(connId: string, stateVector: Uint8Array, bytes: number): void {
    const backlog = this.#backlog(connId);
    backlog.sent += bytes;
    backlog.lastProbeAt = backlog.sent;
    backlog.probes.push({ at: backlog.sent, stateVector });
  }

  /**
   * The client sent a step 2: it answered its oldest probe. Returns the state vector to
   * diff from when this releases a held socket, else null.
   */
  answered(connId: string): Uint8Array | null {
    const backlog = this.#sockets.get(connId);
    const probe = backlog?.probes.shift();
    if (!backlog || !probe) return null;
    backlog.taken = Math.max(backlog.taken, probe.at);
    if (!backlog.held || !probe.stateVector) return null;
    backlog.held = false;
    return probe.stateVector;
  }

  #backlog(connId: string): Backlog {
    let backlog = this.#sockets.get(connId);
    if (!backlog) {
      // A socket from before the object woke: nothing known, nothing outstanding.
      backlog = { sent: 0, taken: 0, lastProbeAt: 0, probes: [], held: false };
      this.#sockets.set(connId, backlog);
    }
    return backlog;
  }
}
