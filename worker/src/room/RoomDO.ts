/**
 * One Durable Object per room: transport and lifecycle only. The room's logic is in
 * Room (room.ts); this class accepts hibernatable sockets, checks what the verified
 * principal may do on every message, carries out Room's effects, and talks to D1 and
 * R2. It is only reachable through the worker, which authenticates every caller.
 */
import { DurableObject } from 'cloudflare:workers';
import type { JobEvent } from '@codesync/executor/api';
import type { LanguageId } from '@codesync/executor/languages';
import { PRINCIPAL_HEADER, type Principal } from '../auth/principal';
import { type Action, can, cannot, ROLES } from '../auth/roles';
import { publicUrl } from '../config';
import type { Env } from '../env';
import {
  MAX_FRAME_BYTES,
  MESSAGE_BURST,
  MESSAGES_PER_SECOND,
  PRESENCE_SWEEP_MS,
  REPORT_MAX_RUNS,
  RUN_HISTORY,
} from '../limits';
import { ok, type Result, refusalResponse, refuse, refused } from '../refusals';
import type { RoomReportParts } from '../report/build';
import { RunCoordinator } from '../runs/coordinator';
import { RunRepository } from '../runs/repository';
import { runFor, runMessageFor, runMessageViews } from '../runs/roleView';
import { roomTestCases } from '../tests/cases';
import { describeIssues } from '../validate';
import { admit } from './admission';
import { type Audience, EVERYONE } from './audience';
import type { ClockChange, ClockMessage } from './clock';
import { attachmentOf, isOpen, peersOf, saveAwareness } from './connections';
import { type FileContent, openEntryFile } from './doc';
import { JoinLog } from './joinLog';
import { spaceProblem, starterOnSwitch } from './languageSwitch';
import {
  CLOSE_CODES,
  clientMessage,
  type RoomInfo,
  type Run,
  type RunRequest,
  type ServerMessage,
  type TestsRequest,
} from './messages';
import { Outbox } from './outbox';
import { PresenceSweep } from './presenceSweep';
import { isSyncStep2 } from './protocol';
import { QuestionDesk } from './question/desk';
import type { QuestionChange, QuestionView } from './question/schema';
import { QuestionStore } from './question/store';
import { TokenBuckets } from './rateLimit';
import { deletionTime, isDue, retentionDays } from './retention';
import { type Effect, Room, type RoomSeed } from './room';
import { RoomClock } from './roomClock';
import { deleteRoom } from './roomDeletion';
import { RoomMetaStore, type RoomRecord } from './roomMeta';
import { socketUpgrade } from './socketUpgrade';
import { SqliteDocumentLog } from './storage/documentLog';
import { History, type HistoryEntry } from './storage/history';
import { migrate } from './storage/migrations';
import { Ticks } from './tick';

export interface RoomDetails extends RoomInfo {
  you: { role: Principal['role'] };
  online: { name: string; role: Principal['role'] }[];
}

export const snapshotKey = (roomId: string) => `rooms/${roomId}/snapshot.yjs`;

export class RoomDO extends DurableObject<Env> {
  readonly #meta: RoomMetaStore;
  readonly #runStore: RunRepository;
  readonly #runs: RunCoordinator;
  readonly #joins: JoinLog;
  readonly #clock: RoomClock;
  readonly #question: QuestionDesk;
  #record: RoomRecord | null;
  #room: Room | null = null;
  #history: History | null = null;
  readonly #sweep: PresenceSweep;
  readonly #rates = new TokenBuckets(MESSAGES_PER_SECOND, MESSAGE_BURST);
  /** What leaves the room for its sockets (outbox.ts). */
  readonly #outbox = new Outbox(
    () => this.ctx.getWebSockets(),
    () => this.room,
  );
  /** Broadcasts merged per tick (tick.ts). */
  readonly #ticks = new Ticks(
    (frame, audience, whole) => this.#outbox.frame(frame, audience, { broadcast: true, whole }),
    (run, ms) => setTimeout(run, ms),
  );

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sweep = new PresenceSweep(ctx);
    migrate(ctx.storage);
    this.#meta = new RoomMetaStore(ctx.storage.sql);
    this.#record = this.#meta.load();
    this.#joins = new JoinLog(ctx.storage.sql);
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
      entry: () => this.room.entryPath(),
      broadcast: (message) => {
        // An ended room keeps its runs' events but has nobody to tell. Each role gets its view.
        if (this.#record?.status !== 'active') return;
        for (const view of runMessageViews(message)) this.#outbox.message(view.message, view.audience);
      },
      scheduleCheck: (at) => this.#alarmBy(at),
    });
    this.#clock = new RoomClock({
      read: () => this.#meta.clock(),
      write: (clock) => {
        this.#meta.setClock(clock);
        if (this.#record) this.#record = { ...this.#record, endsAt: clock.endsAt };
      },
      tell: (message) => this.#outbox.message(message, EVERYONE),
      alarmBy: (at) => this.#alarmBy(at),
      endRoom: async () => {
        await this.#finish('Time is up: the interview has ended.');
      },
    });
    this.#question = new QuestionDesk(new QuestionStore(ctx.storage.sql), {
      language: () => (this.#record as RoomRecord).language,
      changeDoc: (change) => {
        const { result, effects } = this.room.change(change);
        this.#apply(null, effects);
        return result;
      },
      announce: (viewOf) => {
        for (const role of ROLES)
          this.#outbox.message({ type: 'question', question: viewOf(role) }, { to: 'roles', roles: [role] });
      },
    });
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Sets the alarm for `at` unless an earlier one is set (runs and presence share it). */
  async #alarmBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
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

  get #historyStore(): History {
    this.#history ??= new History(this.ctx.storage, this.env.SNAPSHOTS, (this.#record as RoomRecord).roomId);
    return this.#history;
  }

  // ---- RPC, called by the worker's routes with a verified principal ----------------

  async init(record: RoomRecord, seed?: RoomSeed): Promise<Result<RoomInfo>> {
    if (this.#record) return refused('room_exists');
    this.#meta.create(record);
    this.#record = record;
    this.room.seed(record.language, seed);
    await this.#clock.schedule();
    this.#question.seed(record.questionId);
    return ok(record);
  }

  /** The room's question as the caller's role sees it (question/views.ts). */
  async question(principal: Principal): Promise<Result<QuestionView | null>> {
    const auth = this.#authorize(principal, 'read');
    if (!auth.ok) return auth;
    return ok(this.#question.view(principal.role));
  }

  /** The interviewer changes the question; answers their view of the result. */
  async changeQuestion(principal: Principal, change: QuestionChange): Promise<Result<QuestionView | null>> {
    const auth = this.#authorize(principal, 'question');
    if (!auth.ok) return auth;
    if (auth.value.status !== 'active') return refused('room_ended');
    const done = this.#question.change(change);
    return done.ok ? ok(this.#question.view(principal.role)) : done;
  }

  async details(principal: Principal): Promise<Result<RoomDetails>> {
    const auth = this.#authorize(principal, 'read');
    if (!auth.ok) return auth;
    const online = peersOf(this.ctx.getWebSockets()).map(({ name, role }) => ({ name, role }));
    return ok({ ...auth.value, you: { role: principal.role }, online });
  }

  async files(principal: Principal): Promise<Result<{ files: FileContent[]; entry: string | null }>> {
    const auth = this.#authorize(principal, 'read');
    if (!auth.ok) return auth;
    return ok({ files: this.room.files(), entry: this.room.entryPath() });
  }

  /** The room's history, for playback (never to a candidate: see roles.ts). */
  async history(principal: Principal, range: { from?: number; to?: number }): Promise<Result<HistoryEntry[]>> {
    const auth = this.#authorize(principal, 'review');
    if (!auth.ok) return auth;
    return ok(await this.#historyStore.read(range));
  }

  /** What the room keeps for the report (report/build.ts); never to a candidate. */
  async reportParts(principal: Principal): Promise<Result<RoomReportParts>> {
    const auth = this.#authorize(principal, 'review');
    if (!auth.ok) return auth;
    return ok({
      record: auth.value,
      files: this.room.files(),
      entry: this.room.entryPath(),
      runs: this.#runStore.recent(REPORT_MAX_RUNS),
      totalRuns: this.#runStore.countSince(0),
      joins: this.#joins.read(),
      online: this.ctx
        .getWebSockets()
        .filter(isOpen)
        .map((ws) => attachmentOf(ws).connId),
      question: this.#question.view(principal.role),
    });
  }

  async end(principal: Principal): Promise<Result<RoomInfo>> {
    const auth = this.#authorize(principal, 'end');
    if (!auth.ok) return auth;
    return ok(await this.#finish('The interviewer ended the interview.'));
  }

  /**
   * Ends the room, however it ends (the interviewer, or the clock): read-only from now,
   * every socket closed with `reason`, D1 `ended`, the snapshot in R2, deletion scheduled.
   */
  async #finish(reason: string): Promise<RoomInfo> {
    const record = this.#record as RoomRecord;
    if (record.status === 'ended') return record;
    const endedAt = Date.now();
    const deleteAt = deletionTime(endedAt, retentionDays(this.env));
    this.#meta.markEnded(endedAt, deleteAt);
    const ended: RoomRecord = { ...record, status: 'ended', endedAt };
    this.#record = ended;
    this.#outbox.message({ type: 'room', room: ended }, EVERYONE);
    this.#joins.allLeft(endedAt);
    for (const ws of this.ctx.getWebSockets()) {
      this.#outbox.closed(attachmentOf(ws).connId);
      if (isOpen(ws)) ws.close(CLOSE_CODES.roomEnded, reason);
    }
    await Promise.all([
      this.#saveSnapshot(),
      this.env.DB.prepare("UPDATE rooms SET status = 'ended', ended_at = ? WHERE id = ?")
        .bind(endedAt, record.roomId)
        .run(),
      this.#alarmBy(deleteAt),
    ]);
    return ended;
  }

  /** The interviewer sets, extends or clears the clock (room/clock.ts). */
  async changeClock(principal: Principal, change: ClockChange): Promise<Result<ClockMessage>> {
    const auth = this.#authorize(principal, 'clock');
    if (!auth.ok) return auth;
    if (auth.value.status !== 'active') return refused('room_ended', 'The interview has ended; its clock is stopped.');
    const answer = await this.#clock.change(change);
    return answer.ok ? ok(answer.message) : refused('bad_request', answer.problem);
  }

  /**
   * The interviewer switches the room's language (SPEC CLK9): the new language's starter
   * becomes the entry file, the old files stay, everyone is told. A run in flight carries
   * its own language and files and finishes as it started.
   */
  async switchLanguage(principal: Principal, language: LanguageId): Promise<Result<RoomInfo>> {
    const auth = this.#authorize(principal, 'language');
    if (!auth.ok) return auth;
    const record = auth.value;
    if (record.status !== 'active') return refused('room_ended', 'The interview has ended; its language stays.');
    if (record.language === language) return ok(record);
    // The question the room asks now (swapped or written since), not the one it was made with.
    const starter = starterOnSwitch(this.#question.bankSlug(), language);
    const problem = spaceProblem(this.room.doc, starter);
    if (problem) return refused('doc_too_large', problem);
    this.#apply(
      null,
      this.room.change((doc) => {
        const opened = openEntryFile(doc, starter);
        if (!opened.ok) throw new Error(`language switch: ${opened.problem}`);
      }).effects,
    );
    this.#meta.setLanguage(language);
    const switched: RoomRecord = { ...record, language };
    this.#record = switched;
    this.#outbox.message({ type: 'room', room: switched }, EVERYONE);
    await this.env.DB.prepare('UPDATE rooms SET language = ? WHERE id = ?').bind(language, record.roomId).run();
    return ok(switched);
  }

  /** A role's link was replaced in D1: close the sockets that joined with the old one. */
  async linkReplaced(principal: Principal, role: Principal['role']): Promise<Result<{ closed: number }>> {
    const auth = this.#authorize(principal, 'share');
    if (!auth.ok) return auth;
    const sockets = this.ctx.getWebSockets().filter((ws) => isOpen(ws) && attachmentOf(ws).role === role);
    for (const ws of sockets) {
      this.#close(ws, CLOSE_CODES.linkReplaced, 'The interviewer replaced this link; ask them for the new one.');
    }
    return ok({ closed: sockets.length });
  }

  async startRun(principal: Principal, request: RunRequest): Promise<Result<{ runId: string }>> {
    const auth = this.#authorize(principal, 'run');
    if (!auth.ok) return auth;
    // No display name over HTTP: the console says which role ran it.
    const by = { name: `${principal.role} (API)`, role: principal.role };
    const result = await this.#runs.start(by, request, publicUrl(this.env));
    return result.ok ? result : { ok: false, refusal: result.refusal };
  }

  /** Runs the room's test cases (tests/cases.ts) as one executor job. */
  async startTests(principal: Principal, request: TestsRequest): Promise<Result<{ runId: string }>> {
    const auth = this.#authorize(principal, 'run');
    if (!auth.ok) return auth;
    const by = { name: `${principal.role} (API)`, role: principal.role };
    const tests = roomTestCases(this.#question.cases());
    const result = await this.#runs.start(by, { path: request.path, tests }, publicUrl(this.env));
    return result.ok ? result : { ok: false, refusal: result.refusal };
  }

  /** An executor event, already verified by the worker's internal route. */
  async runEvent(runId: string, event: JobEvent): Promise<void> {
    await this.#runs.onEvent(runId, event);
  }

  async runDetails(principal: Principal, runId: string): Promise<Result<Run>> {
    const auth = this.#authorize(principal, 'read');
    if (!auth.ok) return auth;
    const run = this.#runStore.run(runId);
    return run ? ok(runFor(run, principal.role)) : refused('no_such_run');
  }

  /**
   * Retention's hourly sweep (retention.ts): deletes the room if it is due, also one
   * that ended before rooms stored a delete date (and set an alarm for it).
   */
  async expire(now: number): Promise<boolean> {
    const record = this.#record;
    if (record && !isDue(record.endedAt, this.#meta.deleteAt(), retentionDays(this.env), now)) return false;
    await this.#deleteNow();
    return true;
  }

  async #deleteNow(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) this.#outbox.closed(attachmentOf(ws).connId);
    await deleteRoom(this.ctx, this.env, this.#record?.roomId ?? null);
    this.#record = null;
    this.#room = null;
    this.#history = null;
  }

  /**
   * Sends a room message to an audience. Exposed for the audience tests; the room's
   * own code sends through its outbox.
   */
  async announce(message: ServerMessage, audience: Audience): Promise<void> {
    this.#outbox.message(message, audience);
  }

  /**
   * One alarm for runs, presence and retention: it does whatever is due and is set again
   * for the earliest of what is left, so a run check never pushes a deletion back and a
   * deletion never cancels a run check.
   */
  override async alarm(): Promise<void> {
    const deleteAt = this.#meta.deleteAt();
    if (deleteAt !== null && deleteAt <= Date.now()) {
      await this.#deleteNow();
      return;
    }
    try {
      // An ended room's clock has stopped: no notice, no second end.
      if (this.#record?.status === 'active') await this.#clock.onAlarm();
      await this.#runs.check();
      await this.#sweep.run(
        (ws) => this.#close(ws, CLOSE_CODES.silent, 'Nothing heard from this connection for 30 s.'),
        (at) => this.#alarmBy(at),
      );
    } finally {
      if (deleteAt !== null) await this.#alarmBy(deleteAt);
    }
  }

  // ---- WebSocket ---------------------------------------------------------------------

  /** The room's socket; the worker has verified the caller and says who it is in a header. */
  override async fetch(request: Request): Promise<Response> {
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return refusalResponse(refuse('unauthorized'));
    const auth = this.#authorize(principal, 'read');
    if (!auth.ok) return refusalResponse(auth.refusal);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return refusalResponse(refuse('upgrade_required'));
    }
    const admitted = admit(principal, new URL(request.url), this.ctx.getWebSockets().filter(isOpen).length);
    if (!admitted.ok) return refusalResponse(admitted.refusal);
    const attachment = admitted.value;
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(attachment);
    for (const frame of this.room.welcome()) server.send(frame);
    const { connId, role, name } = attachment;
    this.#outbox.opened(connId);
    this.#joins.joined({ connId, name, role, joinedAt: attachment.joinedAt });
    const you = { connId, name, role };
    this.#outbox.message({ type: 'hello', you, room: auth.value }, { to: 'connection', connId });
    this.#outbox.message(this.#clock.message(), { to: 'connection', connId });
    const runs = runMessageFor({ type: 'runs', runs: this.#runStore.recent(RUN_HISTORY) }, role);
    this.#outbox.message(runs, { to: 'connection', connId });
    this.#outbox.message({ type: 'question', question: this.#question.view(role) }, { to: 'connection', connId });
    this.#broadcastPresence();
    await this.#alarmBy(Date.now() + PRESENCE_SWEEP_MS);
    return socketUpgrade(client);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Frames already in flight when we closed a socket still arrive: drop them. Frames a
    // client sent before closing its socket itself are its last edits: they are taken
    // (the socket is no longer OPEN by the time they are delivered, so readyState alone
    // cannot tell the two apart).
    const { connId, role, name } = attachmentOf(ws);
    if (this.#outbox.wasClosed(connId)) return;
    this.#sweep.heard(connId);
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
    const frame = new Uint8Array(message);
    if (isSyncStep2(frame)) this.#outbox.answered(ws, connId);
    const canWrite = can(role, 'edit') && this.#record?.status === 'active';
    this.#apply(ws, this.room.receive({ connId, name, role, canWrite }, frame));
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
    const { connId, name, role } = attachmentOf(ws);
    const toSender: Audience = { to: 'connection', connId };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#outbox.message({ type: 'error', ...refuse('bad_message', 'Room messages must be JSON.') }, toSender);
      return;
    }
    const parsed = clientMessage.safeParse(json);
    if (!parsed.success) {
      this.#outbox.message({ type: 'error', ...refuse('bad_message', describeIssues(parsed.error)) }, toSender);
      return;
    }
    if (parsed.data.type === 'clock') {
      const result = await this.changeClock({ kind: 'link', role }, parsed.data.change);
      if (!result.ok) this.#outbox.message({ type: 'error', ...result.refusal }, toSender);
      return;
    }
    if (parsed.data.type === 'question.change') {
      const result = await this.changeQuestion({ kind: 'link', role }, parsed.data.change);
      if (!result.ok) this.#outbox.message({ type: 'error', ...result.refusal }, toSender);
      return;
    }
    if (!can(role, 'run')) {
      this.#outbox.message({ type: 'error', ...refuse('forbidden', cannot(role, 'run')) }, toSender);
      return;
    }
    const request =
      parsed.data.type === 'tests'
        ? { path: parsed.data.path, tests: roomTestCases(this.#question.cases()) }
        : { path: parsed.data.path, stdin: parsed.data.stdin };
    const result = await this.#runs.start({ name, role }, request, publicUrl(this.env));
    if (!result.ok) this.#outbox.message({ type: 'error', ...result.refusal }, toSender);
  }

  /** Carries out the room's effects; `ws` is the socket they concern (null: the room's own change). */
  #apply(ws: WebSocket | null, effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          // A step 2 answers the recipient's step 1: after it, it has the whole document.
          if (!effect.merge) this.#outbox.frame(effect.frame, effect.audience, { whole: isSyncStep2(effect.frame) });
          else if ('update' in effect.merge) this.#ticks.update(effect.merge.update, effect.merge.author);
          else this.#ticks.awareness(effect.merge.presence, effect.merge.author);
          break;
        case 'refused':
          this.#outbox.message({ type: 'error', ...effect.refusal }, { to: 'connection', connId: effect.connId });
          break;
        case 'close':
          if (ws) this.#close(ws, effect.code, effect.reason);
          break;
        case 'presence':
          if (ws) saveAwareness(ws, effect.owned);
          break;
        case 'archive':
          this.ctx.waitUntil(
            this.#historyStore.archive().catch((error: Error) => console.error('archiving history failed', error)),
          );
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
    this.#joins.left(connId, Date.now());
    this.#outbox.closed(connId);
    this.#rates.forget(connId);
    this.#sweep.forget(connId);
    this.#apply(ws, this.room.leave(connId));
    this.#broadcastPresence();
    const stillHere = this.ctx.getWebSockets().filter((other) => other !== ws && isOpen(other));
    // The room went idle: leave a copy of the document in R2.
    if (stillHere.length === 0) this.ctx.waitUntil(this.#saveSnapshot());
  }

  #broadcastPresence(): void {
    this.#outbox.message({ type: 'presence', peers: peersOf(this.ctx.getWebSockets()) }, EVERYONE);
  }

  async #saveSnapshot(): Promise<void> {
    if (!this.#record) return;
    await this.env.SNAPSHOTS.put(snapshotKey(this.#record.roomId), this.room.snapshot(), {
      customMetadata: { status: this.#record.status },
    });
  }

  #authorize(principal: Principal, action: Action): Result<RoomRecord> {
    const record = this.#record;
    if (!record) return refused('not_found');
    if (!can(principal.role, action)) return refused('forbidden', cannot(principal.role, action));
    return ok(record);
  }
}
