/**
 * One Durable Object per room: transport and lifecycle only. The room's logic is in
 * Room (room.ts); this class accepts hibernatable sockets, checks the role on every
 * message, carries out Room's effects, and talks to D1 and R2.
 */
import { DurableObject } from 'cloudflare:workers';
import type { JobEvent } from '@codesync/executor/api';
import { roleForToken, tokenFromRequest } from '../auth/authorize';
import { type Action, can, cannot, type Role } from '../auth/roles';
import type { Env } from '../env';
import {
  MAX_CONNECTIONS_PER_ROOM,
  MAX_FRAME_BYTES,
  MAX_NAME_CHARS,
  MESSAGE_BURST,
  MESSAGES_PER_SECOND,
  RUN_HISTORY,
} from '../limits';
import { type Refusal, refuse, statusOf } from '../refusals';
import { RunCoordinator } from '../runs/coordinator';
import { RunRepository } from '../runs/repository';
import { describeIssues } from '../validate';
import { type Attachment, attachmentOf, isOpen, peersOf, saveAwareness, sendJson } from './connections';
import { CLOSE_CODES, clientMessage, type RoomInfo, type Run, type RunRequest, type ServerMessage } from './messages';
import { TokenBuckets } from './rateLimit';
import { type Effect, Room, type RoomFile } from './room';
import { publicInfo, RoomMetaStore, type RoomRecord } from './roomMeta';
import { migrate } from './storage/migrations';
import { SqliteDocumentLog } from './updateLog';

/** What an RPC call answers: a value, or an HTTP status with an error the route returns. */
export type RoomResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; message: string; code?: string };

export interface RoomDetails extends RoomInfo {
  you: { role: Role };
  online: { name: string; role: Role }[];
}

export const snapshotKey = (roomId: string) => `rooms/${roomId}/snapshot.yjs`;

/** A refusal from the one table, as this file's RoomResult (until RoomResult is the table's Result). */
function fromRefusal(refusal: Refusal): RoomResult<never> {
  // Run refusals are all 400, 404, 409 or 429 (refusals.ts).
  const status = statusOf(refusal) as 400 | 404 | 409 | 429;
  return { ok: false, status, code: refusal.code, message: refusal.message };
}

export class RoomDO extends DurableObject<Env> {
  readonly #meta: RoomMetaStore;
  readonly #runStore: RunRepository;
  readonly #runs: RunCoordinator;
  #record: RoomRecord | null;
  #room: Room | null = null;
  readonly #rates = new TokenBuckets(MESSAGES_PER_SECOND, MESSAGE_BURST);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage);
    this.#meta = new RoomMetaStore(ctx.storage.sql);
    this.#record = this.#meta.load();
    this.#runStore = new RunRepository(
      ctx.storage.sql,
      env.DB,
      () => (this.#record as RoomRecord).roomId,
      (promise) =>
        ctx.waitUntil(
          promise.catch((error: Error) => console.error('indexing a run failed', { error: error.message })),
        ),
    );
    this.#runs = new RunCoordinator(this.#runStore, {
      env,
      record: () => this.#record as RoomRecord,
      files: () => this.room.files(),
      broadcast: (message) => {
        // An ended room keeps its runs' events but has nobody to tell.
        if (this.#record?.status !== 'active') return;
        for (const ws of this.ctx.getWebSockets()) sendJson(ws, message);
      },
      scheduleCheck: async (at) => {
        const current = await ctx.storage.getAlarm();
        if (current === null || current > at) await ctx.storage.setAlarm(at);
      },
    });
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** The document, loaded on first use after a wake, with surviving sockets' presence. */
  get room(): Room {
    if (!this.#room) {
      const room = new Room(new SqliteDocumentLog(this.ctx.storage));
      for (const ws of this.ctx.getWebSockets()) {
        const { connId, awareness } = attachmentOf(ws);
        room.awareness.apply(connId, awareness);
      }
      this.#room = room;
    }
    return this.#room;
  }

  // ---- RPC, called by the worker's routes -------------------------------------------

  async init(record: RoomRecord): Promise<RoomResult<RoomInfo>> {
    if (this.#record) return { ok: false, status: 409, message: 'This room already exists.' };
    this.#meta.create(record);
    this.#record = record;
    this.room.seed(record.language, record.title);
    return { ok: true, value: publicInfo(record) };
  }

  async details(token: string | null): Promise<RoomResult<RoomDetails>> {
    const auth = await this.#authorize(token, 'read');
    if (!auth.ok) return auth;
    const online = peersOf(this.ctx.getWebSockets()).map(({ name, role }) => ({ name, role }));
    return { ok: true, value: { ...publicInfo(auth.value.record), you: { role: auth.value.role }, online } };
  }

  async files(token: string | null): Promise<RoomResult<{ files: RoomFile[] }>> {
    const auth = await this.#authorize(token, 'read');
    if (!auth.ok) return auth;
    return { ok: true, value: { files: this.room.files() } };
  }

  async end(token: string | null): Promise<RoomResult<RoomInfo>> {
    const auth = await this.#authorize(token, 'end');
    if (!auth.ok) return auth;
    const { record } = auth.value;
    if (record.status === 'ended') return { ok: true, value: publicInfo(record) };
    const endedAt = Date.now();
    this.#meta.markEnded(endedAt);
    const ended: RoomRecord = { ...record, status: 'ended', endedAt };
    this.#record = ended;
    const info = publicInfo(ended);
    for (const ws of this.ctx.getWebSockets()) {
      sendJson(ws, { type: 'room', room: info });
      if (isOpen(ws)) ws.close(CLOSE_CODES.roomEnded, 'The interviewer ended the interview.');
    }
    await Promise.all([
      this.#saveSnapshot(),
      this.env.DB.prepare("UPDATE rooms SET status = 'ended', ended_at = ? WHERE id = ?")
        .bind(endedAt, record.roomId)
        .run(),
    ]);
    return { ok: true, value: info };
  }

  async startRun(token: string | null, request: RunRequest, origin: string): Promise<RoomResult<{ runId: string }>> {
    const auth = await this.#authorize(token, 'run');
    if (!auth.ok) return auth;
    // No display name over HTTP: the console says which role ran it.
    const by = { name: `${auth.value.role} (API)`, role: auth.value.role };
    const result = await this.#runs.start(by, request, origin);
    return result.ok ? result : fromRefusal(result.refusal);
  }

  /** An executor event, already verified by the worker's internal route. */
  async runEvent(runId: string, event: JobEvent): Promise<void> {
    await this.#runs.onEvent(runId, event);
  }

  async runDetails(token: string | null, runId: string): Promise<RoomResult<Run>> {
    const auth = await this.#authorize(token, 'read');
    if (!auth.ok) return auth;
    const run = this.#runStore.run(runId);
    return run ? { ok: true, value: run } : fromRefusal(refuse('no_such_run'));
  }

  override async alarm(): Promise<void> {
    await this.#runs.check();
  }

  // ---- WebSocket ---------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const auth = await this.#authorize(tokenFromRequest(request), 'read');
    if (!auth.ok)
      return Response.json({ error: { code: 'unauthorized', message: auth.message } }, { status: auth.status });
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return Response.json(
        { error: { code: 'upgrade_required', message: 'This endpoint speaks WebSocket: send Upgrade: websocket.' } },
        { status: 426 },
      );
    }
    const url = new URL(request.url);
    const name = (url.searchParams.get('name') ?? '').replace(/\p{Cc}/gu, '').trim() || 'Guest';
    if (name.length > MAX_NAME_CHARS) {
      return Response.json(
        { error: { code: 'bad_request', message: `name must be at most ${MAX_NAME_CHARS} characters.` } },
        { status: 400 },
      );
    }
    if (this.ctx.getWebSockets().filter(isOpen).length >= MAX_CONNECTIONS_PER_ROOM) {
      return Response.json(
        {
          error: {
            code: 'room_full',
            message: `This room already has ${MAX_CONNECTIONS_PER_ROOM} connections; close a tab or try again later.`,
          },
        },
        { status: 429, headers: { 'retry-after': '30' } },
      );
    }

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const attachment: Attachment = {
      connId: crypto.randomUUID(),
      role: auth.value.role,
      name,
      events: url.searchParams.get('events') === '1',
      origin: url.origin,
      joinedAt: Date.now(),
      awareness: [],
    };
    server.serializeAttachment(attachment);
    for (const frame of this.room.welcome()) server.send(frame);
    const { connId, role } = attachment;
    sendJson(server, { type: 'hello', you: { connId, name, role }, room: publicInfo(auth.value.record) });
    sendJson(server, { type: 'runs', runs: this.#runStore.recent(RUN_HISTORY) });
    this.#broadcastPresence();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Frames already in flight when we closed a socket still arrive: drop them.
    if (!isOpen(ws)) return;
    const { connId, role } = attachmentOf(ws);
    if (!this.#rates.take(connId)) {
      this.#close(ws, CLOSE_CODES.tooManyMessages, `more than ${MESSAGES_PER_SECOND} messages a second`);
      return;
    }
    const size = typeof message === 'string' ? message.length : message.byteLength;
    if (size > MAX_FRAME_BYTES) {
      this.#close(ws, CLOSE_CODES.frameTooLarge, `frame of ${size} bytes is over ${MAX_FRAME_BYTES}`);
      return;
    }
    if (typeof message === 'string') {
      await this.#onRoomMessage(ws, message);
      return;
    }
    const canWrite = can(role, 'edit') && this.#record?.status === 'active';
    this.#apply(ws, this.room.receive({ connId, canWrite }, new Uint8Array(message)));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005/1006 cannot be sent in a close frame; answer a clean close with 1000.
    this.#close(ws, code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn('room socket error', { connId: attachmentOf(ws).connId, error: String(error) });
    this.#close(ws, 1011, 'socket error');
  }

  // ---- internals ---------------------------------------------------------------------

  /** A JSON room message (text frame). */
  async #onRoomMessage(ws: WebSocket, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      sendJson(ws, { type: 'error', code: 'bad_message', message: 'Room messages must be JSON.' });
      return;
    }
    const parsed = clientMessage.safeParse(json);
    if (!parsed.success) {
      sendJson(ws, { type: 'error', code: 'bad_message', message: describeIssues(parsed.error) });
      return;
    }
    const { name, role, origin } = attachmentOf(ws);
    if (!can(role, 'run')) {
      sendJson(ws, { type: 'error', code: 'forbidden', message: cannot(role, 'run') });
      return;
    }
    const { path, stdin } = parsed.data;
    const result = await this.#runs.start({ name, role }, { path, stdin }, origin);
    if (!result.ok) sendJson(ws, { type: 'error', code: result.refusal.code, message: result.refusal.message });
  }

  #apply(ws: WebSocket, effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'reply':
          if (isOpen(ws)) ws.send(effect.frame);
          break;
        case 'broadcast':
          for (const other of this.ctx.getWebSockets()) if (other !== ws && isOpen(other)) other.send(effect.frame);
          break;
        case 'refused':
          sendJson(ws, { type: 'error', code: effect.code, message: effect.message });
          break;
        case 'close':
          this.#close(ws, effect.code, effect.reason);
          break;
        case 'presence':
          saveAwareness(ws, effect.owned);
          break;
        default: {
          const unreachable: never = effect;
          throw new Error(`unhandled effect ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }

  /** Closes a socket (if still open) and lets the others know it left. */
  #close(ws: WebSocket, code: number, reason: string): void {
    if (isOpen(ws)) ws.close(code, reason);
    const { connId } = attachmentOf(ws);
    this.#rates.forget(connId);
    this.#apply(ws, this.room.leave(connId));
    this.#broadcastPresence();
    const stillHere = this.ctx.getWebSockets().filter((other) => other !== ws && isOpen(other));
    // The room went idle: leave a copy of the document in R2.
    if (stillHere.length === 0) this.ctx.waitUntil(this.#saveSnapshot());
  }

  #broadcastPresence(): void {
    const sockets = this.ctx.getWebSockets().filter(isOpen);
    const message: ServerMessage = { type: 'presence', peers: peersOf(sockets) };
    for (const ws of sockets) sendJson(ws, message);
  }

  async #saveSnapshot(): Promise<void> {
    if (!this.#record) return;
    await this.env.SNAPSHOTS.put(snapshotKey(this.#record.roomId), this.room.snapshot(), {
      customMetadata: { status: this.#record.status },
    });
  }

  async #authorize(token: string | null, action: Action): Promise<RoomResult<{ role: Role; record: RoomRecord }>> {
    const record = this.#record;
    if (!record) return { ok: false, status: 404, message: 'No room with this id. Check the link.' };
    const role = await roleForToken(token, record.hashes);
    if (!role)
      return {
        ok: false,
        status: 401,
        message: 'This link is not valid for this room. Ask the interviewer for a new one.',
      };
    if (!can(role, action)) return { ok: false, status: 403, message: cannot(role, action) };
    return { ok: true, value: { role, record } };
  }
}
