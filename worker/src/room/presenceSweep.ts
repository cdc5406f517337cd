/**
 * The presence sweep (SYNC9): a socket the room has heard nothing from for
 * PRESENCE_TIMEOUT_MS is closed, so it leaves everyone's list. When a socket last said
 * something is kept in memory and, every PRESENCE_HEARD_SAVE_MS, in its attachment; an
 * auto-answered "ping" is kept by workerd: all three survive hibernation. The
 * sweep runs from the room's shared alarm, set for the moment the first open socket
 * would reach PRESENCE_TIMEOUT_MS of silence, never sooner: a room whose sockets only
 * ping (auto-answered, without waking it) hibernates between sweeps, and an empty room
 * sets none.
 *
 * @example
 * const sweep = new PresenceSweep(ctx);
 * sweep.heard(connId); // on every message
 * await sweep.run((ws) => close(ws, …), (at) => alarmBy(at));
 */
import { PRESENCE_HEARD_SAVE_MS, PRESENCE_TIMEOUT_MS } from '../limits';
import { lastHeard, saveHeard } from './connections';

export class PresenceSweep {
  readonly #ctx: DurableObjectState;
  /** When each socket last sent a message, since this object woke (see lastHeard). */
  readonly #lastSeen = new Map<string, number>();
  /** What each socket's attachment says (heardAt), as this object last saved it. */
  readonly #saved = new Map<string, number>();

  constructor(ctx: DurableObjectState) {
    this.#ctx = ctx;
  }

  heard(ws: WebSocket, connId: string, at = Date.now()): void {
    this.#lastSeen.set(connId, at);
    // Kept across hibernation too, but written at most every few seconds, not per keystroke.
    if (at - (this.#saved.get(connId) ?? 0) < PRESENCE_HEARD_SAVE_MS) return;
    saveHeard(ws, at);
    this.#saved.set(connId, at);
  }

  forget(connId: string): void {
    this.#lastSeen.delete(connId);
    this.#saved.delete(connId);
  }

  /** Closes the silent sockets; sets the next sweep for when the next one could fall silent. */
  async run(close: (ws: WebSocket) => void, alarmBy: (at: number) => Promise<void>): Promise<void> {
    const now = Date.now();
    const heard = lastHeard(
      this.#ctx.getWebSockets(),
      this.#lastSeen,
      (ws) => this.#ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? null,
    );
    let next = Number.POSITIVE_INFINITY;
    for (const { ws, heard: at } of heard) {
      if (at < now - PRESENCE_TIMEOUT_MS) close(ws);
      else next = Math.min(next, at + PRESENCE_TIMEOUT_MS);
    }
    // A socket heard from in the same millisecond would ask for now: look again a second later at the soonest.
    if (next !== Number.POSITIVE_INFINITY) await alarmBy(Math.max(next, now + 1000));
  }
}
