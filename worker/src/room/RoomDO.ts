/**
 * One Durable Object per room: transport and lifecycle only. The room's logic is in
 * Room (room.ts); this class accepts hibernatable sockets, checks what the verified
 * principal may do on every message, carries out Room's effects, and talks to D1 and
 * R2. It is only reachable through the worker, which authenticates every caller.
 */
import { DurableObject } from 'cloudflare:workers';
import type { JobEvent } from '@codesync/executor/api';
import type { LanguageId } from '@codesync/executor/languages';
import type { RoomSummary } from '../accounts/ownership/summary';
import { PRINCIPAL_HEADER, type Principal } from '../auth/principal';
import { publicUrl } from '../config';
import type { Env } from '../env';
import { isStreamRequest } from '../interactive/handshake';
import { PRESENCE_TIMEOUT_MS } from '../limits';
import type { FilesAtResponse, PlaybackManifest } from '../playback/schema';
import { ok, type Result, refusalResponse, refuse, refused } from '../refusals';
import type { RoomReportParts } from '../report/build';
import { type ForkSource, forkSource } from '../restore/fork';
import { restorePoints } from '../restore/points';
import { restoreTo } from '../restore/restore';
import type { RestoreAnswer, RestorePoints } from '../restore/schema';
import type { RunCoordinator } from '../runs/coordinator';
import { runFor } from '../runs/roleView';
import type { LimitsMessage, RunLimitsChange } from '../runs/runLimits';
import { roomTestCases } from '../tests/cases';
import { authorize, authorizeActive } from './access';
import { admit } from './admission';
import { type Audience, EVERYONE } from './audience';
import type { ClockChange, ClockMessage } from './clock';
import { attachmentOf, isOpen, socketsOfAccounts } from './connections';
import type { FileContent } from './doc';
import { endRoom } from './ending';
import type { JoinLogView } from './joinLog';
import { switchLanguage } from './languageSwitch';
import {
  CLOSE_CODES,
  type RoomInfo,
  type Run,
  type RunRequest,
  type ServerMessage,
  type TestsRequest,
} from './messages';
import { type OnlinePerson, onlineOf } from './online';
import type { PackagesMessage } from './packagesSchema';
import type { QuestionChange, QuestionView } from './question/schema';
import { isDue, retentionDays } from './retention';
import type { Room, RoomSeed } from './room';
import { deleteRoom } from './roomDeletion';
import { handleRoomMessage } from './roomMessages';
import { RoomMetaStore, type RoomRecord } from './roomMeta';
import { type RoomParts, roomParts } from './roomParts';
import { socketUpgrade } from './socketUpgrade';
import { migrate } from './storage/migrations';

export interface RoomDetails extends RoomInfo {
  you: { role: Principal['role'] };
  online: OnlinePerson[];
}

export class RoomDO extends DurableObject<Env> {
  readonly #meta: RoomMetaStore;
  #record: RoomRecord | null;
  /** The document, sockets, playback, the interview's parts and the terminal (roomParts.ts). */
  readonly #parts: RoomParts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage);
    this.#meta = new RoomMetaStore(ctx.storage.sql);
    this.#record = this.#meta.load();
    this.#parts = roomParts(ctx, env, {
      meta: this.#meta,
      record: () => this.#record,
      setRecord: (record) => {
        this.#record = record;
      },
      alarmBy: (at) => this.#alarmBy(at),
      finish: (reason) => this.#finish(reason),
      roomMessage: (ws, json) => this.#onRoomMessage(ws, json),
    });
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Sets the alarm for `at` unless an earlier one is set (runs and presence share it). */
  async #alarmBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /** The document, loaded on first use after a wake (roomDocument.ts). */
  get room(): Room {
    return this.#parts.document.room;
  }

  // ---- RPC, called by the worker's routes with a verified principal ----------------

  async init(record: RoomRecord, seed?: RoomSeed): Promise<Result<RoomInfo>> {
    if (this.#record) return refused('room_exists');
    this.#meta.create(record);
    this.#record = record;
    this.room.seed(record.language, seed);
    this.room.flush(); // nothing is sent yet: the first document is stored now
    await this.#parts.clock.schedule();
    this.#parts.question.seed(record.questionId, seed?.question);
    return ok(record);
  }

  /** The room's question as the caller's role sees it (question/views.ts). */
  async question(principal: Principal): Promise<Result<QuestionView | null>> {
    const auth = authorize(this.#record, principal, 'read');
    if (!auth.ok) return auth;
    return ok(this.#parts.question.view(principal.role));
  }

  /** The interviewer changes the question; answers their view of the result. */
  async changeQuestion(principal: Principal, change: QuestionChange): Promise<Result<QuestionView | null>> {
    const auth = authorizeActive(this.#record, principal, 'question', 'its question stays');
    if (!auth.ok) return auth;
    const done = this.#parts.question.change(change);
    return done.ok ? ok(this.#parts.question.view(principal.role)) : done;
  }

  async details(principal: Principal): Promise<Result<RoomDetails>> {
    const auth = authorize(this.#record, principal, 'read');
    if (!auth.ok) return auth;
    return ok({ ...auth.value, you: { role: principal.role }, online: onlineOf(this.ctx.getWebSockets()) });
  }

  async files(principal: Principal): Promise<Result<{ files: FileContent[]; entry: string | null }>> {
    const auth = authorize(this.#record, principal, 'read');
    if (!auth.ok) return auth;
    return ok({ files: this.room.files(), entry: this.room.entryPath() });
  }

  // What the panel reviews (roles.ts `review`: never a candidate), read from what is stored.

  /** Playback's manifest, with the join log to name the panel's signals by. */
  async playbackManifest(principal: Principal): Promise<Result<{ manifest: PlaybackManifest; joins: JoinLogView }>> {
    return this.#review(principal, (record) => this.#parts.desk.manifest(record));
  }

  async playbackPage(principal: Principal, from: number, to: number): Promise<Result<Uint8Array>> {
    return this.#review(principal, () => this.#parts.desk.page(from, to));
  }

  async filesAt(principal: Principal, at: number): Promise<Result<FilesAtResponse>> {
    return this.#review(principal, (record) => this.#parts.desk.filesAt(record, at));
  }

  async reportParts(principal: Principal): Promise<Result<RoomReportParts>> {
    return this.#review(principal, (record) => this.#parts.desk.reportParts(record, principal.role));
  }

  async summary(principal: Principal): Promise<Result<RoomSummary>> {
    return this.#review(principal, () => this.#parts.desk.summary(principal.role));
  }

  /** Checks `review`, stores the updates of the current tick (history reads stored rows), then reads. */
  async #review<T>(principal: Principal, read: (record: RoomRecord) => Result<T> | Promise<Result<T>>) {
    const auth = authorize(this.#record, principal, 'review');
    if (!auth.ok) return auth;
    this.#parts.document.loaded()?.flush();
    return await read(auth.value);
  }

  async end(principal: Principal): Promise<Result<RoomInfo>> {
    const auth = authorize(this.#record, principal, 'end');
    if (!auth.ok) return auth;
    return ok(await this.#finish('The interviewer ended the interview.'));
  }

  /** Ends the room, however it ends (ending.ts). */
  async #finish(reason: string): Promise<RoomInfo> {
    this.#parts.terminal.end('The interview ended: the terminal was closed.');
    this.#parts.streams.stopAll();
    return await endRoom(
      {
        env: this.env,
        meta: this.#meta,
        joins: this.#parts.joins,
        sockets: this.#parts.sockets,
        record: () => this.#record as RoomRecord,
        setRecord: (record) => {
          this.#record = record;
        },
        saveSnapshot: () => this.#parts.document.saveSnapshot(),
        alarmBy: (at) => this.#alarmBy(at),
      },
      reason,
    );
  }

  /** The interviewer sets, extends or clears the clock (room/clock.ts). */
  async changeClock(principal: Principal, change: ClockChange): Promise<Result<ClockMessage>> {
    const auth = authorizeActive(this.#record, principal, 'clock', 'its clock is stopped');
    if (!auth.ok) return auth;
    const answer = await this.#parts.clock.change(change);
    return answer.ok ? ok(answer.message) : refused('bad_request', answer.problem);
  }

  /** The interviewer switches the room's language (SPEC CLK9, languageSwitch.ts). */
  async switchLanguage(principal: Principal, language: LanguageId): Promise<Result<RoomInfo>> {
    const auth = authorizeActive(this.#record, principal, 'language', 'its language stays');
    if (!auth.ok) return auth;
    return await switchLanguage(
      {
        env: this.env,
        room: () => this.room,
        meta: this.#meta,
        sockets: this.#parts.sockets,
        playback: this.#parts.playback,
        bankSlug: () => this.#parts.question.bankSlug(),
        setRecord: (record) => {
          this.#record = record;
        },
      },
      principal.role,
      auth.value,
      language,
    );
  }

  /** The interviewer restores the files to `at` (restore/restore.ts); restoring to the answer's `restoredFrom` undoes it. */
  async restore(principal: Principal, at: number): Promise<Result<RestoreAnswer>> {
    const auth = authorizeActive(this.#record, principal, 'restore', 'its files stay as they are');
    if (!auth.ok) return auth;
    const host = {
      active: () => this.#record?.status === 'active',
      room: () => this.room,
      sockets: this.#parts.sockets,
      playback: this.#parts.playback,
    };
    return await restoreTo(host, principal.role, auth.value, at);
  }

  /** The moments the interviewer may restore to (restore/points.ts). */
  async restorePoints(principal: Principal): Promise<Result<RestorePoints>> {
    const { sql } = this.ctx.storage;
    return this.#review(principal, async () =>
      ok(await restorePoints(sql, this.#parts.document.history, this.#parts.playback.restores())),
    );
  }

  /** What a fork of this room starts with (restore/fork.ts); the route makes the new room. */
  async forkSource(principal: Principal): Promise<Result<ForkSource>> {
    const auth = authorize(this.#record, principal, 'fork');
    return auth.ok ? ok(forkSource(auth.value, this.room, this.#parts.question)) : auth;
  }

  /** An editor declares the libraries runs in the room's language install (room/packages.ts). */
  async setPackages(principal: Principal, packages: string[]): Promise<Result<PackagesMessage>> {
    const auth = authorizeActive(this.#record, principal, 'edit', 'its libraries stay');
    if (!auth.ok) return auth;
    const change = this.#parts.packages.change(auth.value.language, packages);
    if (!change.ok) return refused('bad_request', change.problem);
    this.#parts.sockets.outbox.message(change.message, EVERYONE);
    return ok(change.message);
  }

  /** A role's link was replaced in D1: close the sockets that joined with the old one. */
  async linkReplaced(principal: Principal, role: Principal['role']): Promise<Result<{ closed: number }>> {
    const auth = authorize(this.#record, principal, 'share');
    if (!auth.ok) return auth;
    const sockets = this.ctx.getWebSockets().filter((ws) => isOpen(ws) && attachmentOf(ws).role === role);
    for (const ws of sockets) {
      this.#parts.sockets.close(
        ws,
        CLOSE_CODES.linkReplaced,
        'The interviewer replaced this link; ask them for the new one.',
      );
    }
    return ok({ closed: sockets.length });
  }

  /** These accounts lost their access (accounts/revocation.ts): close the sockets they opened; link sockets stay. */
  async revokeAccounts(accountIds: string[], reason: string): Promise<{ closed: number }> {
    const sockets = socketsOfAccounts(this.ctx.getWebSockets(), accountIds);
    for (const ws of sockets) this.#parts.sockets.close(ws, CLOSE_CODES.accessRevoked, reason);
    return { closed: sockets.length };
  }

  /** An editor changes the room's run limits (runs/runLimits.ts); everyone is told. */
  async changeLimits(principal: Principal, change: RunLimitsChange): Promise<Result<LimitsMessage>> {
    const auth = authorizeActive(this.#record, principal, 'edit', 'its run limits stay');
    if (!auth.ok) return auth;
    const message = await this.#parts.limits.change(change);
    this.#parts.sockets.outbox.message(message, EVERYONE);
    return ok(message);
  }

  async startRun(principal: Principal, request: RunRequest): Promise<Result<{ runId: string }>> {
    return this.#startAs(principal, request);
  }

  /** Runs the room's test cases (tests/cases.ts) as one executor job. */
  async startTests(principal: Principal, request: TestsRequest): Promise<Result<{ runId: string }>> {
    return this.#startAs(principal, this.#testRequest(request));
  }

  async #startAs(principal: Principal, request: Parameters<RunCoordinator['start']>[1]) {
    const auth = authorize(this.#record, principal, 'run');
    if (!auth.ok) return auth;
    // No display name over HTTP: the console says which role ran it.
    const by = { name: `${principal.role} (API)`, role: principal.role };
    const result = await this.#parts.runs.start(by, request, publicUrl(this.env));
    return result.ok ? result : { ok: false as const, refusal: result.refusal };
  }

  /** An executor event, already verified by the worker's internal route. */
  async runEvent(runId: string, event: JobEvent): Promise<void> {
    if (this.#parts.terminal.owns(runId)) return this.#parts.terminal.onEvent(event);
    await this.#parts.runs.onEvent(runId, event);
  }

  async runDetails(principal: Principal, runId: string): Promise<Result<Run>> {
    const auth = authorize(this.#record, principal, 'read');
    if (!auth.ok) return auth;
    const run = this.#parts.runStore.run(runId);
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
    for (const ws of this.ctx.getWebSockets()) this.#parts.sockets.outbox.closed(attachmentOf(ws).connId);
    await deleteRoom(this.ctx, this.env, this.#record?.roomId ?? null);
    this.#record = null;
    this.#parts.document.forget();
  }

  /**
   * Sends a room message to an audience. Exposed for the audience tests; the room's
   * own code sends through its outbox.
   */
  async announce(message: ServerMessage, audience: Audience): Promise<void> {
    this.#parts.sockets.outbox.message(message, audience);
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
      if (this.#record?.status === 'active') await this.#parts.clock.onAlarm();
      await this.#parts.runs.check();
      await this.#parts.terminal.check();
      await this.#parts.sockets.sweep.run(
        (ws) => this.#parts.sockets.close(ws, CLOSE_CODES.silent, 'Nothing heard from this connection for 30 s.'),
        (at) => this.#alarmBy(at),
      );
      // An idle room kept its document for updates a departed client left waiting.
      this.#parts.document.letGoIfKept();
    } finally {
      if (deleteAt !== null) await this.#alarmBy(deleteAt);
    }
  }

  // ---- WebSocket ---------------------------------------------------------------------

  /** The room's socket; the worker has verified the caller and says who it is in a header. */
  override async fetch(request: Request): Promise<Response> {
    // An executor's stream, not a participant's: the terminal's, or an interactive run's.
    if (isStreamRequest(request))
      return this.#parts.terminal.ownsStream(request)
        ? this.#parts.terminal.accept(request)
        : this.#parts.streams.accept(request);
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return refusalResponse(refuse('unauthorized'));
    const auth = authorize(this.#record, principal, 'read');
    if (!auth.ok) return refusalResponse(auth.refusal);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return refusalResponse(refuse('upgrade_required'));
    }
    const admitted = admit(principal, new URL(request.url), this.ctx.getWebSockets().filter(isOpen).length);
    if (!admitted.ok) return refusalResponse(admitted.refusal);
    const attachment = admitted.value;
    const first = await this.#parts.firstMessages(attachment, auth.value); // before the accept: sent at once
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(attachment);
    this.#parts.sockets.join(server, attachment, first);
    await this.#alarmBy(attachment.joinedAt + PRESENCE_TIMEOUT_MS); // the presence sweep (presenceSweep.ts)
    return socketUpgrade(client);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.#parts.sockets.message(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.#parts.sockets.close(ws, code, reason, 'client'); // its close frame answers the client's
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn('room socket error', { connId: attachmentOf(ws).connId, error: String(error) });
    // Not a refusal: what the client sent before its socket failed still counts (SYNC11).
    this.#parts.sockets.close(ws, 1011, 'socket error', 'client');
  }

  // ---- internals ---------------------------------------------------------------------

  /** A JSON room message (text frame): the sender's role is its principal (roomMessages.ts). */
  async #onRoomMessage(ws: WebSocket, json: unknown): Promise<void> {
    const { connId, name, role } = attachmentOf(ws);
    const principal: Principal = { kind: 'link', role };
    const refusal = await handleRoomMessage(json, role, {
      changeClock: (change) => this.changeClock(principal, change),
      changeQuestion: (change) => this.changeQuestion(principal, change),
      changeLimits: (change) => this.changeLimits(principal, change),
      startRun: (request) => this.#parts.runs.start({ name, role }, request, publicUrl(this.env)),
      startTests: (request) => this.#parts.runs.start({ name, role }, this.#testRequest(request), publicUrl(this.env)),
      stdin: (message) => this.#parts.streams.stdin({ connId, name, role }, message),
      stopRun: async (runId) => this.#parts.streams.stop(runId),
      terminal: (message) => this.#parts.terminal.handle({ connId, name, role }, message),
    });
    if (refusal) this.#parts.sockets.outbox.message({ type: 'error', ...refusal }, { to: 'connection', connId });
  }

  /** A test run asks the room's current question's cases, visible first (tests/cases.ts). */
  #testRequest(request: TestsRequest) {
    return { path: request.path, tests: roomTestCases(this.#parts.question.cases()) };
  }
}
