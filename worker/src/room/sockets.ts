/**
 * The room's sockets: every frame in (rate and size checks, the Yjs protocol through
 * Room, JSON room messages handed to the host), every frame out (the outbox, merged per
 * tick), and every close, whoever closes. RoomDO owns the document and the interview;
 * this class is how they meet the network.
 *
 * @example
 * const sockets = new RoomSockets(host);
 * sockets.message(ws, frame);          // from webSocketMessage
 * sockets.close(ws, 4000, 'bye');     // the room closes one
 * sockets.outbox.message(msg, EVERYONE);
 */
import type { Role } from '../auth/roles';
import { MAX_FRAME_BYTES, MESSAGE_BURST, MESSAGES_PER_SECOND } from '../limits';
import { EVERYONE } from './audience';
import { type Attachment, closeSocket, identityOf, isOpen, peersOf, saveAwareness } from './connections';
import { InOrder } from './inOrder';
import type { JoinLog } from './joinLog';
import { CLOSE_CODES, type ServerMessage } from './messages';
import { type ClosedBy, Outbox } from './outbox';
import { PresenceSweep } from './presenceSweep';
import { isSyncStep2, MESSAGE_SYNC, SYNC_UPDATE } from './protocol';
import { TokenBuckets } from './rateLimit';
import type { Effect, Room } from './room';
import { type FiguresSummary, RoomFigures } from './roomFigures';
import { readRoomFrame } from './roomMessages';
import { Ticks } from './tick';

export interface SocketHost {
  ctx: DurableObjectState;
  /** The document, loaded if the room let it go. */
  room(): Room;
  /** The document if loaded, without loading it. */
  loaded(): Room | null;
  /** Nobody is left: the room stores a snapshot and may let its document go (SYNC16). */
  idle(): void;
  /** Whether a socket of this role may change the document now (the room is active). */
  canWrite(role: Role): boolean;
  joins: JoinLog;
  /** A socket closed, whoever closed it (after the join log and the outbox know). */
  left(connId: string): void;
  /** A JSON room message (a text frame's JSON, in the order sent) from an open socket. */
  roomMessage(ws: WebSocket, json: unknown): Promise<void>;
  /** Compactions covered enough history rows (HISTORY_ARCHIVE_*): move them to R2. */
  archive(): void;
  /** A summary of the room's figures is due (roomFigures.ts); `connections` open now. */
  figures(summary: FiguresSummary, connections: number): void;
}

export class RoomSockets {
  /** What leaves the room for its sockets (outbox.ts). */
  readonly outbox: Outbox;
  /** Who has been heard from, and when the silent are swept (presenceSweep.ts). */
  readonly sweep: PresenceSweep;
  /** Frames, sizes and run latency, summarised for the operator (roomFigures.ts). */
  readonly figures: RoomFigures;
  readonly #host: SocketHost;
  readonly #rates = new TokenBuckets(MESSAGES_PER_SECOND, MESSAGE_BURST);
  /** Each connection's text frames, back in the order sent (inOrder.ts). */
  readonly #inOrder = new InOrder<unknown>();
  /** Broadcasts merged per tick (tick.ts). */
  readonly #ticks: Ticks;

  constructor(host: SocketHost) {
    this.#host = host;
    this.sweep = new PresenceSweep(host.ctx);
    this.figures = new RoomFigures((summary) => host.figures(summary, host.ctx.getWebSockets().filter(isOpen).length));
    this.outbox = new Outbox(
      () => host.ctx.getWebSockets(),
      () => host.room(),
      () => host.loaded()?.flush(),
      (bytes) => this.figures.sent(bytes),
    );
    this.#ticks = new Ticks(
      (frame, audience, whole) => this.outbox.frame(frame, audience, { broadcast: true, whole }),
      (run, ms) => setTimeout(run, ms),
    );
  }

  /** A socket joined: the document, then its first messages; the others see it arrive. */
  join(ws: WebSocket, attachment: Attachment, first: ServerMessage[]): void {
    for (const frame of this.#host.room().welcome()) ws.send(frame);
    const { connId, name, role, joinedAt } = attachment;
    this.outbox.opened(connId);
    this.#inOrder.opened(connId);
    this.#host.joins.joined({ connId, name, role, joinedAt });
    for (const message of first) this.outbox.message(message, { to: 'connection', connId });
    this.broadcastPresence();
  }

  async message(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Frames already in flight when we closed a socket still arrive: drop them. Frames a
    // client sent before closing its socket itself are its last edits: they are taken
    // (the socket is no longer OPEN by the time they are delivered, so readyState alone
    // cannot tell the two apart), even when the runtime delivers its close first.
    const { connId, role, name } = identityOf(ws);
    const closedBy = this.outbox.wasClosed(connId);
    if (closedBy === 'room') return;
    if (closedBy === 'client') {
      this.#lastEdits(ws, message);
      return;
    }
    this.sweep.heard(ws, connId);
    if (!this.#rates.take(connId)) {
      this.close(ws, CLOSE_CODES.tooManyMessages, `more than ${MESSAGES_PER_SECOND} messages a second`);
      return;
    }
    const size = typeof message === 'string' ? message.length : message.byteLength;
    this.figures.received(size);
    if (size > MAX_FRAME_BYTES) {
      this.close(ws, CLOSE_CODES.frameTooLarge, `frame of ${size} bytes is over ${MAX_FRAME_BYTES}`);
      return;
    }
    if (typeof message === 'string') {
      const frame = readRoomFrame(message);
      if (!frame.ok) {
        this.outbox.message({ type: 'error', ...frame.refusal }, { to: 'connection', connId });
        return;
      }
      // Handed on in the order sent (inOrder.ts); each starts before the next, in order.
      const ready = this.#inOrder.take(connId, frame.seq, frame.json, size);
      await Promise.all(ready.map((json) => this.#host.roomMessage(ws, json)));
      return;
    }
    const frame = new Uint8Array(message);
    if (isSyncStep2(frame)) this.outbox.answered(ws, connId);
    const canWrite = this.#host.canWrite(role);
    this.apply(ws, this.#host.room().receive({ connId, name, role, canWrite }, frame));
  }

  /** Carries out the room's effects; `ws` is the socket they concern (null: the room's own change). */
  apply(ws: WebSocket | null, effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          // A step 2 answers the recipient's step 1: after it, it has the whole document.
          if (!effect.merge) this.outbox.frame(effect.frame, effect.audience, { whole: isSyncStep2(effect.frame) });
          else if ('update' in effect.merge) this.#ticks.update(effect.merge.update, effect.merge.author);
          else this.#ticks.awareness(effect.merge.presence, effect.merge.author);
          break;
        case 'refused':
          this.outbox.message({ type: 'error', ...effect.refusal }, { to: 'connection', connId: effect.connId });
          break;
        case 'close':
          if (ws) this.close(ws, effect.code, effect.reason);
          break;
        case 'presence':
          if (ws) saveAwareness(ws, effect.owned);
          break;
        case 'archive':
          this.#host.archive();
          break;
        default: {
          const unreachable: never = effect;
          throw new Error(`unhandled effect ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  /** Closes a socket (if still open) and lets the others know it left. */
  close(ws: WebSocket, code: number, reason: string, by: ClosedBy = 'room'): void {
    closeSocket(ws, code, reason);
    const { connId } = identityOf(ws);
    this.#host.joins.left(connId, Date.now());
    this.outbox.closed(connId, by);
    this.#rates.forget(connId);
    this.#inOrder.forget(connId);
    this.sweep.forget(connId);
    this.#host.left(connId);
    // Who closed it first counts: the client's close that answers the room's own (its
    // echo) must not give the socket's held updates the wait a client's close gets.
    this.apply(ws, this.#host.room().leave(connId, this.outbox.wasClosed(connId) ?? by));
    this.broadcastPresence();
    const stillHere = this.#host.ctx.getWebSockets().filter((other) => other !== ws && isOpen(other));
    if (stillHere.length === 0) {
      this.figures.flush(); // the room goes quiet: what its last window counted is written now
      this.#host.idle();
    }
  }

  /**
   * The room ends (or goes): every socket is closed with `code` and `reason`, and what a
   * socket left held can never be completed (nobody writes now), so it is dropped.
   */
  endAll(code: number, reason: string): void {
    for (const ws of this.#host.ctx.getWebSockets()) {
      const { connId } = identityOf(ws);
      this.outbox.closed(connId);
      this.#host.loaded()?.leave(connId, 'room');
      closeSocket(ws, code, reason);
    }
  }

  broadcastPresence(): void {
    this.outbox.message({ type: 'presence', peers: peersOf(this.#host.ctx.getWebSockets()) }, EVERYONE);
  }

  /**
   * A document update a client sent before closing its socket, delivered after its close
   * (the runtime may deliver the close first): taken like any update, so it reaches the
   * others and is stored (SYNC11). Anything else from it (presence, queries, room
   * messages) is dropped: it has left.
   */
  #lastEdits(ws: WebSocket, message: string | ArrayBuffer): void {
    if (typeof message === 'string' || message.byteLength > MAX_FRAME_BYTES) return;
    const frame = new Uint8Array(message);
    if (frame[0] !== MESSAGE_SYNC || !(frame[1] === SYNC_UPDATE || isSyncStep2(frame))) return;
    const { connId, role, name } = identityOf(ws);
    const canWrite = this.#host.canWrite(role);
    // No socket to act on (it is closed): a refusal or close it would earn goes nowhere.
    this.apply(null, this.#host.room().receive({ connId, name, role, canWrite, left: true }, frame));
    // A room that went idle meanwhile stores its snapshot again and lets its document go (SYNC16).
    if (!this.#host.ctx.getWebSockets().some(isOpen)) this.#host.idle();
  }
}
