/**
 * The presence sweep (SYNC9): a socket the room has heard nothing from for
 * PRESENCE_TIMEOUT_MS is closed, so it leaves everyone's list. What a socket last said
 * is kept in memory; an auto-answered "ping" is kept by workerd across hibernation. The
 * sweep runs from the room's shared alarm and asks for the next one only while sockets
 * are open, so an empty room sleeps.
 *
 * @example
 * const sweep = new PresenceSweep(ctx);
 * sweep.heard(connId); // on every message
 * await sweep.run((ws) => close(ws, …), (at) => alarmBy(at));
 */
import { PRESENCE_SWEEP_MS, PRESENCE_TIMEOUT_MS } from '../limits';
import { isOpen, silentSockets } from './connections';

export class PresenceSweep {
  readonly #ctx: DurableObjectState;
  /** When each socket last sent a message, since this object woke (see silentSockets). */
  readonly #lastSeen = new Map<string, number>();
  readonly #wokeAt = Date.now();

  constructor(ctx: DurableObjectState) {
    this.#ctx = ctx;
  }

  heard(connId: string, at = Date.now()): void {
    this.#lastSeen.set(connId, at);
  }

  forget(connId: string): void {
    this.#lastSeen.delete(connId);
  }

  /** Closes the silent sockets; sets the next sweep while any other socket is open. */
  async run(close: (ws: WebSocket) => void, alarmBy: (at: number) => Promise<void>): Promise<void> {
    const now = Date.now();
    const sockets = this.#ctx.getWebSockets();
    const silent = silentSockets(
      sockets,
      this.#lastSeen,
      (ws) => this.#ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? null,
      this.#wokeAt,
      now - PRESENCE_TIMEOUT_MS,
    );
    for (const ws of silent) close(ws);
    if (sockets.some((ws) => isOpen(ws) && !silent.includes(ws))) await alarmBy(now + PRESENCE_SWEEP_MS);
  }
}
