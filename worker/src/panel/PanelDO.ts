/**
 * One Durable Object per room (named by the room id) for what the panel keeps from the
 * candidate: the notes doc with the scorecard, and the integrity signals. It is a
 * separate object from RoomDO, so no code path of the room's socket can reach its
 * content: a candidate's socket is never attached here (the worker refuses it before
 * waking this object, and this object refuses it again), and every frame and message
 * it sends goes through `reaches` with the panel's audience.
 *
 * Transport and lifecycle only; the notes' logic is Panel (panel.ts). Sockets hibernate;
 * per-connection state lives in the attachment.
 *
 * @example
 * const stub = env.PANEL.get(env.PANEL.idFromName(roomId));
 * const { notes, scorecard, signals } = await stub.record();
 */
import { DurableObject } from 'cloudflare:workers';
import { PRINCIPAL_HEADER, type Principal } from '../auth/principal';
import { type Action, can, cannot, ROLES, type Role } from '../auth/roles';
import type { Env } from '../env';
import {
  MAX_PANEL_FRAME_BYTES,
  MAX_SIGNALS_PER_ROOM,
  MESSAGE_BURST,
  MESSAGES_PER_SECOND,
  SIGNAL_BURST,
  SIGNALS_PER_MINUTE,
} from '../limits';
import { ok, type Result, refusalResponse, refuse, refused } from '../refusals';
import { admit } from '../room/admission';
import { type Audience, reaches } from '../room/audience';
import { CLOSE_CODES } from '../room/closeCodes';
import { attachmentOf, closeSocket, identityOf, isOpen, socketsOfAccounts } from '../room/connections';
import { TokenBuckets } from '../room/rateLimit';
import { socketUpgrade } from '../room/socketUpgrade';
import { Panel, type PanelEffect } from './panel';
import type { PanelRecord } from './panelDoc';
import { migratePanel, PanelLog, SignalStore } from './panelStorage';
import type { PanelMessage, Signal, SignalReport } from './signals';

/** Who may ever hear from this object: the roles that may review (roles.ts). */
export const PANEL_AUDIENCE: Audience = { to: 'roles', roles: ROLES.filter((role) => can(role, 'review')) };

export class PanelDO extends DurableObject<Env> {
  #panel: Panel | null = null;
  readonly #signals: SignalStore;
  readonly #rates = new TokenBuckets(MESSAGES_PER_SECOND, MESSAGE_BURST);
  /** One bucket for the room's signals (only its candidate reports them). */
  readonly #signalRate = new TokenBuckets(SIGNALS_PER_MINUTE / 60, SIGNAL_BURST);
  readonly #closedByPanel = new Set<string>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migratePanel(ctx.storage);
    this.#signals = new SignalStore(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  get #doc(): Panel {
    this.#panel ??= new Panel(new PanelLog(this.ctx.storage));
    return this.#panel;
  }

  // ---- RPC ---------------------------------------------------------------------------

  /**
   * Everything the panel wrote and every signal, for the report. No principal: the
   * report's route checks `can(role, 'review')` before it calls this.
   */
  async record(): Promise<PanelRecord<Signal>> {
    return { ...this.#doc.read(), signals: this.#signals.all() };
  }

  /** The same, for `GET /api/rooms/:roomId/panel` (the panel only). */
  async recordFor(principal: Principal): Promise<Result<PanelRecord<Signal>>> {
    const allowed = authorize(principal, 'review');
    return allowed.ok ? ok(await this.record()) : allowed;
  }

  /** A signal from the candidate's browser: stamped, stored, pushed to the panel live. */
  async signal(principal: Principal, report: SignalReport): Promise<Result<Signal>> {
    const allowed = authorize(principal, 'signal');
    if (!allowed.ok) return allowed;
    if (!this.#signalRate.take('room')) {
      return refused('rate_limited', `At most ${SIGNALS_PER_MINUTE} signals a minute are recorded.`, 5);
    }
    if (this.#signals.count() >= MAX_SIGNALS_PER_ROOM) {
      return refused('rate_limited', `This interview has recorded its ${MAX_SIGNALS_PER_ROOM} signals.`);
    }
    const stored = this.#signals.add(report, { role: principal.role }, Date.now());
    this.#sendMessage({ type: 'signal', signal: stored }, PANEL_AUDIENCE);
    return ok(stored);
  }

  /**
   * The interviewer replaced `role`'s link (routes/rooms.ts, AUTH6): panel sockets opened
   * with the old one are closed like the room's, so a revoked link hears no more notes.
   */
  async linkReplaced(role: Role): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      if (attachmentOf(ws).role === role) {
        this.#close(ws, CLOSE_CODES.linkReplaced, 'The interviewer replaced this link; ask them for the new one.');
      }
    }
  }

  /** These accounts lost their access (accounts/revocation.ts): their panel sockets close like the room's. */
  async revokeAccounts(accountIds: string[], reason: string): Promise<void> {
    for (const ws of socketsOfAccounts(this.ctx.getWebSockets(), accountIds)) {
      this.#close(ws, CLOSE_CODES.accessRevoked, reason);
    }
  }

  /**
   * The room's retention is over (room/roomDeletion.ts): the notes, the scorecard and
   * the signals go with the room, and the panel's sockets are closed.
   */
  async erase(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      this.#closedByPanel.add(attachmentOf(ws).connId);
      closeSocket(ws, CLOSE_CODES.roomEnded, 'This interview was deleted.');
    }
    this.#panel = null;
    await this.ctx.storage.deleteAll();
  }

  // ---- WebSocket ---------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return refusalResponse(refuse('unauthorized'));
    const allowed = authorize(principal, 'review');
    if (!allowed.ok) return refusalResponse(allowed.refusal);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return refusalResponse(refuse('upgrade_required'));
    }
    const admitted = admit(principal, new URL(request.url), this.ctx.getWebSockets().filter(isOpen).length);
    if (!admitted.ok) return refusalResponse(admitted.refusal);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(admitted.value);
    for (const frame of this.#doc.welcome()) server.send(frame);
    this.#sendMessage(
      { type: 'signals', signals: this.#signals.all() },
      { to: 'connection', connId: admitted.value.connId },
    );
    return socketUpgrade(client);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const { connId, role, name } = attachmentOf(ws);
    if (this.#closedByPanel.has(connId)) return;
    if (!this.#rates.take(connId)) {
      this.#close(ws, CLOSE_CODES.tooManyMessages, `more than ${MESSAGES_PER_SECOND} messages a second`);
      return;
    }
    const size = typeof message === 'string' ? message.length : message.byteLength;
    if (size > MAX_PANEL_FRAME_BYTES) {
      this.#close(ws, CLOSE_CODES.frameTooLarge, `frame of ${size} bytes is over ${MAX_PANEL_FRAME_BYTES}`);
      return;
    }
    if (typeof message === 'string') {
      const refusal = refuse('bad_message', 'The panel socket takes Yjs frames only.');
      this.#sendMessage({ type: 'error', ...refusal }, { to: 'connection', connId });
      return;
    }
    // Checked on every message, not only at connect (roles.ts).
    if (!can(role, 'review')) {
      this.#close(ws, CLOSE_CODES.linkReplaced, cannot(role, 'review'));
      return;
    }
    this.#apply(ws, this.#doc.receive({ connId, name, role }, new Uint8Array(message)));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.#close(ws, code, reason); // its close frame answers the client's
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn('panel socket error', { connId: attachmentOf(ws).connId, error: String(error) });
    this.#close(ws, 1011, 'socket error');
  }

  // ---- internals ---------------------------------------------------------------------

  #apply(ws: WebSocket, effects: PanelEffect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          this.#sendFrame(effect.frame, effect.audience);
          break;
        case 'refused':
          this.#sendMessage({ type: 'error', ...effect.refusal }, { to: 'connection', connId: effect.connId });
          break;
        case 'close':
          this.#close(ws, effect.code, effect.reason);
          break;
        default: {
          const unreachable: never = effect;
          throw new Error(`unhandled effect ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  /** The one way a Yjs frame leaves the panel: to its audience, and only ever to the panel. */
  #sendFrame(frame: Uint8Array, audience: Audience): void {
    for (const ws of this.ctx.getWebSockets()) {
      const identity = identityOf(ws);
      if (isOpen(ws) && reaches(audience, identity) && reaches(PANEL_AUDIENCE, identity)) ws.send(frame);
    }
  }

  /** The one way a JSON message leaves the panel: to sockets that asked (`&events=1`), only the panel. */
  #sendMessage(message: PanelMessage, audience: Audience): void {
    const text = JSON.stringify(message);
    for (const ws of this.ctx.getWebSockets()) {
      if (!isOpen(ws)) continue;
      const identity = identityOf(ws);
      if (identity.events && reaches(audience, identity) && reaches(PANEL_AUDIENCE, identity)) ws.send(text);
    }
  }

  #close(ws: WebSocket, code: number, reason: string): void {
    closeSocket(ws, code, reason);
    const { connId } = attachmentOf(ws);
    this.#closedByPanel.add(connId);
    this.#rates.forget(connId);
    this.#panel?.leave(connId);
  }
}

function authorize(principal: Principal, action: Action): Result<Principal> {
  return can(principal.role, action) ? ok(principal) : refused('forbidden', cannot(principal.role, action));
}
