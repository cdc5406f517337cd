/**
 * This page's connection health: its round trip to the room, timed with the text frame
 * `ping`, which the room's runtime answers `pong` by itself (RoomDO's auto-response)
 * without waking the room's Durable Object, so measuring never keeps a hibernated room
 * awake. Unlike roundTrip.ts (which times the room's own message queue while it is in
 * use), this times the network and the edge, in a quiet room too.
 *
 * One ping is outstanding at a time: pongs carry nothing, so the answer to the one ping
 * in flight is the only unambiguous match. While the tab is visible a ping goes every
 * PING_EVERY_MS: often enough that a pong missing for LOST_AFTER_MS is noticed within a
 * few seconds, and cheap (a 4-byte frame answered by the runtime, no room code runs).
 * A hidden tab pings every HIDDEN_PING_EVERY_MS, which keeps its socket inside the
 * room's PRESENCE_TIMEOUT_MS sweep (nobody looks at a hidden tab's figure).
 *
 * The figure everyone sees is the median of the last SAMPLES round trips, so one late
 * pong on a busy machine does not flip a good connection to slow. It is shared in this
 * client's presence (`rttMs`, presence.ts cleans it) only when its class changes or at
 * most every PUBLISH_EVERY_MS: a presence change wakes the room, and Yjs clients renew
 * their presence every 15 s anyway, so the steady figure rides along with that renewal.
 *
 * @example
 * const health = new ConnectionHealth((state) => render(state), (rttMs) => publish(rttMs));
 * health.tick(ws, document.visibilityState === 'visible'); // every TICK_MS
 * health.pong(ws); // on every "pong" text frame
 */

/** Under this round trip a connection is good: edits and cursors arrive while the person still looks. */
export const SLOW_MS = 250;
/** A ping without its pong for this long means the connection is lost (it may still come back). */
export const LOST_AFTER_MS = 5_000;
/** How often a visible page pings. */
export const PING_EVERY_MS = 2_000;
/** How often a hidden page pings: the keep-alive the room's presence sweep needs (30 s). */
export const HIDDEN_PING_EVERY_MS = 10_000;
/** Round trips the shown figure is the median of. */
export const SAMPLES = 5;
/** The steady figure goes into presence at most this often (a class change goes at once). */
export const PUBLISH_EVERY_MS = 15_000;
/**
 * Another person whose presence has not been renewed for this long is shown lost: Yjs
 * clients renew it every 15 s (and on every change), so two missed renewals and a margin.
 */
export const PEER_SILENT_MS = 35_000;

/** `unknown`: nothing measured yet (or never connected); the others say how the connection is. */
export type Health = 'good' | 'slow' | 'lost' | 'unknown';

export interface HealthState {
  health: Health;
  /** The median round trip in ms, or null before the first pong. */
  rttMs: number | null;
}

export const UNKNOWN_HEALTH: HealthState = { health: 'unknown', rttMs: null };

/**
 * One's own connection: lost while the socket is down (after it was once open) or a ping
 * has waited LOST_AFTER_MS; otherwise by the round trip.
 */
export function classify(
  rttMs: number | null,
  { open, everOpen = true, waitingMs = 0 }: { open: boolean; everOpen?: boolean; waitingMs?: number },
): Health {
  if (!open) return everOpen ? 'lost' : 'unknown';
  if (waitingMs >= LOST_AFTER_MS) return 'lost';
  if (rttMs === null) return 'unknown';
  return rttMs < SLOW_MS ? 'good' : 'slow';
}

/** Another person, from their presence: lost once it has gone unrenewed for PEER_SILENT_MS. */
export function classifyPeer(rttMs: number | null, silentMs: number): Health {
  if (silentMs >= PEER_SILENT_MS) return 'lost';
  return classify(rttMs, { open: true });
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round(
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2,
  );
}

export class ConnectionHealth {
  readonly #onChange: (state: HealthState) => void;
  readonly #publish: (rttMs: number) => void;
  readonly #now: () => number;
  #socket: WebSocket | null = null;
  #everOpen = false;
  #sentAt: number | null = null;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #samples: number[] = [];
  #state: HealthState = UNKNOWN_HEALTH;
  #published: { rttMs: number; health: Health; at: number } | null = null;

  constructor(
    onChange: (state: HealthState) => void,
    publish: (rttMs: number) => void,
    now: () => number = () => performance.now(),
  ) {
    this.#onChange = onChange;
    this.#publish = publish;
    this.#now = now;
  }

  get state(): HealthState {
    return this.#state;
  }

  /** Sends a ping when one is due; says "lost" once the socket is down or a pong is late. */
  tick(ws: WebSocket | null, visible: boolean): void {
    const now = this.#now();
    const open = ws !== null && ws.readyState === ws.OPEN;
    if (ws !== this.#socket) {
      // A new socket: a pong on the old one never comes; its figures still say how the network was.
      this.#socket = ws;
      this.#sentAt = null;
      this.#lastSentAt = Number.NEGATIVE_INFINITY;
    }
    if (open) this.#everOpen = true;
    const every = visible ? PING_EVERY_MS : HIDDEN_PING_EVERY_MS;
    if (open && this.#sentAt === null && now - this.#lastSentAt >= every) {
      ws.send('ping');
      this.#sentAt = now;
      this.#lastSentAt = now;
    }
    this.#update(open, now);
  }

  /** A "pong" arrived on `ws`: the outstanding ping's round trip. */
  pong(ws: WebSocket): void {
    if (ws !== this.#socket || this.#sentAt === null) return;
    const now = this.#now();
    this.#samples = [...this.#samples, now - this.#sentAt].slice(-SAMPLES);
    this.#sentAt = null;
    this.#update(ws.readyState === ws.OPEN, now);
  }

  #update(open: boolean, now: number): void {
    const rttMs = median(this.#samples);
    const waitingMs = this.#sentAt === null ? 0 : now - this.#sentAt;
    const health = classify(rttMs, { open, everOpen: this.#everOpen, waitingMs });
    if (health !== this.#state.health || rttMs !== this.#state.rttMs) {
      this.#state = { health, rttMs };
      this.#onChange(this.#state);
    }
    if (open && rttMs !== null && health !== 'lost') this.#maybePublish(rttMs, health, now);
  }

  /** Into presence when the class changed, or the figure did and PUBLISH_EVERY_MS has passed. */
  #maybePublish(rttMs: number, health: Health, now: number): void {
    const last = this.#published;
    const due = !last || last.health !== health || (last.rttMs !== rttMs && now - last.at >= PUBLISH_EVERY_MS);
    if (!due) return;
    this.#published = { rttMs, health, at: now };
    this.#publish(rttMs);
  }
}

/**
 * Whether presence changed in more than a round-trip figure. roundTrip.ts probes the room
 * (waking it) for a while after any use, and a figure shared in presence is not use: a
 * quiet room whose people only measure their connections must stay asleep.
 *
 * @example
 * const use = new PresenceUse();
 * awareness.on('change', ({ added, updated, removed }) => {
 *   if (use.changed(awareness.getStates(), [...added, ...updated, ...removed])) trip.touch();
 * });
 */
export class PresenceUse {
  /** Each client's last state without its figure, as JSON. */
  readonly #seen = new Map<number, string>();

  changed(states: ReadonlyMap<number, Record<string, unknown>>, ids: readonly number[]): boolean {
    let used = false;
    for (const id of ids) {
      const state = states.get(id);
      if (!state) {
        used ||= this.#seen.delete(id);
        continue;
      }
      const { rttMs: _figure, ...rest } = state;
      const key = JSON.stringify(rest);
      if (this.#seen.get(id) !== key) used = true;
      this.#seen.set(id, key);
    }
    return used;
  }
}
