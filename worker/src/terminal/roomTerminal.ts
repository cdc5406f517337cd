/**
 * The room's one shared terminal (SPEC § 45, docs/STREAMING.md "The shared terminal"):
 * an editor opens it, the room posts a terminal job to the executor, and the executor
 * node dials the room's stream for it exactly as an interactive run does (signed, once
 * per terminal, ever), so the terminal's id is also the run id in its callback and
 * stream paths. Output goes to everyone and into a bounded scrollback a late joiner is
 * sent; only the keyboard holder's keystrokes go to the shell; the keyboard is taken
 * explicitly and shown by name. The room closes it on request, when the room ends, and
 * past its own idle and hard caps (behind the executor's, which owns the container).
 *
 * Like a run's stream, the socket is accepted with `accept()`: never among the
 * participants' sockets, and it keeps the object awake while the terminal lives.
 */

import type { JobEvent, JobRequest } from '@codesync/executor/api';
import { TERMINAL_HARD_MS, TERMINAL_IDLE_MS } from '@codesync/executor/limits';
import {
  parseFrame,
  STREAM_CLOSE,
  type ToExecutorFrame,
  type ToRoomFrame,
  toRoomFrame,
} from '@codesync/executor/stream';
import type { Role } from '../auth/roles';
import { checkHandshake, STREAM_ROUTE } from '../interactive/handshake';
import { ok, type Result, refusalResponse, refuse, refused } from '../refusals';
import { type Audience, EVERYONE } from '../room/audience';
import type { FileContent } from '../room/doc';
import type { PostOutcome } from '../room/executorClient';
import type { ServerMessage } from '../room/messages';
import { TokenBuckets } from '../room/rateLimit';
import {
  TERMINAL_INPUT_BURST,
  TERMINAL_INPUT_PER_SECOND,
  TERMINAL_ROOM_SLACK_MS,
  TERMINAL_SCROLLBACK_CHARS,
} from './limits';
import type { TerminalClientMessage, TerminalView } from './messages';
import { type TerminalLog, TerminalRecorder } from './recorder';

export interface TerminalHost {
  secret: string;
  roomId(): string | null;
  /** The room's language, and whether it is still active. */
  room(): { language: string; active: boolean } | null;
  files(): FileContent[];
  /** Posts the job (executorClient.ts postJob). */
  post(job: JobRequest): Promise<PostOutcome>;
  callbackBase(): string;
  tell(message: ServerMessage, audience: Audience): void;
  kv: SyncKvStorage;
  alarmBy(at: number): Promise<void>;
  log: TerminalLog;
  /** Writes a file brought back into the room's doc (bringBack.ts); the problem in words, or null. */
  bringBack(path: string, content: string, by: Typist): string | null;
}

export interface Typist {
  connId: string;
  name: string;
  role: Role;
}

interface Live {
  terminalId: string;
  jobId: string | null;
  openedBy: string;
  openedAt: number;
  lastInputAt: number;
  keyboard: { connId: string; name: string } | null;
  screen: string;
  ws: WebSocket | null;
  size: { cols: number; rows: number } | null;
  recorder: TerminalRecorder;
  /** Files asked for and not yet answered: path → who asked. */
  asked: Map<string, Typist>;
}

const usedKey = (terminalId: string) => `terminal-stream:${terminalId}`;
const seconds = (ms: number) => `${Math.round(ms / 60_000)} min`;

export class RoomTerminal {
  readonly #host: TerminalHost;
  readonly #buckets = new TokenBuckets(TERMINAL_INPUT_PER_SECOND, TERMINAL_INPUT_BURST);
  #live: Live | null = null;

  constructor(host: TerminalHost) {
    this.#host = host;
  }

  /** Whether `id` (a run id in a callback or stream path) is this room's live terminal. */
  owns(id: string): boolean {
    return this.#live?.terminalId === id;
  }

  /** Whether a stream handshake is for the live terminal (RoomDO.fetch routes it here). */
  ownsStream(request: Request): boolean {
    const id = STREAM_ROUTE.exec(new URL(request.url).pathname)?.[1];
    return id !== undefined && this.owns(id);
  }

  /** What a participant is sent on connect and on every change: the terminal and its recent screen. */
  message(): ServerMessage {
    const live = this.#live;
    return { type: 'terminal', terminal: live ? this.#view(live) : null, screen: live?.screen ?? '' };
  }

  /** An editor's terminal message (the role was checked by roomMessages.ts). */
  async handle(by: Typist, message: TerminalClientMessage): Promise<Result<null>> {
    if (message.type === 'terminal.open') return this.#open(by, message.cols, message.rows);
    const live = this.#live;
    if (!live || live.terminalId !== message.terminalId) return refused('no_terminal');
    switch (message.type) {
      case 'terminal.input':
      case 'terminal.resize': {
        // A free keyboard (its holder left) goes to the first editor who types.
        if (!live.keyboard) this.#takeKeyboard(live, by);
        if (live.keyboard?.connId !== by.connId) {
          const holder = live.keyboard ? `${live.keyboard.name} has the keyboard` : 'Nobody has the keyboard';
          return refused('forbidden', `${holder}: take the keyboard to type.`);
        }
        if (!this.#buckets.take(by.connId))
          return refused('rate_limited', 'Too many keystrokes at once; slow down.', 1);
        if (!live.ws) return refused('no_terminal', 'The terminal has not connected yet; wait a moment.');
        if (message.type === 'terminal.resize') {
          live.size = { cols: message.cols, rows: message.rows };
          return this.#send(live, { type: 'terminal.resize', cols: message.cols, rows: message.rows });
        }
        live.lastInputAt = Date.now();
        live.recorder.input({ name: by.name, role: by.role }, message.data);
        return this.#send(live, { type: 'terminal.input', data: message.data });
      }
      case 'terminal.keyboard':
        this.#takeKeyboard(live, by);
        return ok(null);
      case 'terminal.close':
        this.end(`${by.name} closed the terminal.`);
        return ok(null);
      case 'terminal.bringBack':
        if (!live.ws) return refused('no_terminal', 'The terminal has not connected yet; wait a moment.');
        live.asked.set(message.path, by);
        return this.#send(live, { type: 'terminal.fetch', path: message.path });
      default: {
        const unknown: never = message;
        throw new Error(`unknown terminal message ${JSON.stringify(unknown)}`);
      }
    }
  }

  async #open(by: Typist, cols?: number, rows?: number): Promise<Result<null>> {
    const room = this.#host.room();
    const roomId = this.#host.roomId();
    if (!room || !roomId) return refused('not_found');
    if (!room.active) return refused('room_ended', 'The interview has ended; no terminal can open now.');
    if (this.#live) return refused('terminal_open', `${this.#live.openedBy} already opened this room's terminal.`);
    const terminalId = crypto.randomUUID();
    const now = Date.now();
    const live: Live = {
      terminalId,
      jobId: null,
      openedBy: by.name,
      openedAt: now,
      lastInputAt: now,
      keyboard: { connId: by.connId, name: by.name },
      screen: '',
      ws: null,
      size: cols && rows ? { cols, rows } : null,
      recorder: new TerminalRecorder(this.#host.log, terminalId, { name: by.name, role: by.role }),
      asked: new Map(),
    };
    this.#live = live; // before the await: a second open meanwhile is refused
    const posted = await this.#host.post({
      language: room.language as never,
      files: this.#host.files(),
      terminal: true,
      callbackUrl: `${this.#host.callbackBase()}/internal/runs/${terminalId}/events`,
      requestId: `${roomId}:${terminalId}`,
    });
    if (posted.kind !== 'accepted') {
      if (this.#live === live) this.#live = null;
      if (posted.kind === 'busy') return refused('rate_limited', posted.message, posted.retryAfterS);
      // Every terminal the code runner allows is open (EXECUTOR_TERMINAL_CONCURRENCY): its words say so.
      if (posted.kind === 'refused' && posted.code === 'terminals_full') {
        return refused('terminals_full', `The terminal could not open: ${posted.message}`);
      }
      return refused('internal', `The terminal could not open: ${posted.message}`);
    }
    live.jobId = posted.jobId;
    this.#host.tell(this.message(), EVERYONE);
    await this.#host.alarmBy(now + TERMINAL_IDLE_MS + TERMINAL_ROOM_SLACK_MS);
    return ok(null);
  }

  /** The executor's handshake for the live terminal: checked again, accepted once, ever. */
  async accept(request: Request): Promise<Response> {
    const check = await checkHandshake(this.#host.secret, request);
    if (!check.ok) return refusalResponse(refuse('unauthorized', `Stream not signed correctly: ${check.reason}.`));
    const { handshake } = check;
    const live = this.#live;
    if (handshake.roomId !== this.#host.roomId())
      return refusalResponse(refuse('not_found', 'request: names another room'));
    if (!live || live.terminalId !== handshake.runId) return refusalResponse(refuse('no_terminal'));
    if (live.jobId !== null && live.jobId !== handshake.jobId)
      return refusalResponse(refuse('unauthorized', 'job: not the job this terminal posted'));
    if (this.#host.kv.get(usedKey(live.terminalId)) !== undefined)
      return refusalResponse(refuse('no_terminal', "This terminal's stream was opened before; a terminal has one."));
    this.#host.kv.put(usedKey(live.terminalId), handshake.jobId);
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    live.ws = server;
    server.addEventListener('message', (event) => this.#onFrame(live, server, event.data));
    const gone = () => {
      if (this.#live === live) this.#closed(live, 'The terminal lost its connection to the code runner.');
    };
    server.addEventListener('close', gone);
    server.addEventListener('error', gone);
    if (live.size) server.send(JSON.stringify({ type: 'terminal.resize', ...live.size }));
    this.#host.tell(this.message(), EVERYONE);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** An executor event for the terminal (POSTed, or over the stream): its end is all the room needs. */
  onEvent(event: JobEvent): void {
    const live = this.#live;
    if (!live || event.type !== 'finished' || (live.jobId !== null && event.jobId !== live.jobId)) return;
    const why = event.result.stderr || 'The terminal ended.';
    // A cluster node at its terminal share ends the job with the refusal the POST would have
    // given (TERM14): shown in the same words, the code kept.
    if (event.result.code === 'terminals_full')
      this.#closed(live, `The terminal could not open: ${why}`, 'terminals_full');
    else this.#closed(live, why.charAt(0).toUpperCase() + why.slice(1));
  }

  /** Closes the terminal for everyone (a request, the room's end, a cap). */
  end(reason: string): void {
    const live = this.#live;
    if (!live) return;
    if (live.ws) {
      this.#send(live, { type: 'run.stop' });
      live.ws.close(STREAM_CLOSE.done, 'the terminal was closed');
    }
    this.#closed(live, reason);
  }

  /** The alarm: the room's own caps, a backstop behind the executor's. */
  async check(now = Date.now()): Promise<void> {
    const live = this.#live;
    if (!live) return;
    if (now - live.openedAt >= TERMINAL_HARD_MS + TERMINAL_ROOM_SLACK_MS)
      return this.end(`The terminal reached its limit of ${seconds(TERMINAL_HARD_MS)} and was closed.`);
    if (now - live.lastInputAt >= TERMINAL_IDLE_MS + TERMINAL_ROOM_SLACK_MS)
      return this.end(`No input for ${seconds(TERMINAL_IDLE_MS)}: the terminal was closed.`);
    await this.#host.alarmBy(
      Math.min(live.lastInputAt + TERMINAL_IDLE_MS, live.openedAt + TERMINAL_HARD_MS) + TERMINAL_ROOM_SLACK_MS,
    );
  }

  #onFrame(live: Live, ws: WebSocket, data: string | ArrayBuffer): void {
    const parsed =
      typeof data === 'string'
        ? parseFrame(toRoomFrame, data)
        : { ok: false as const, problem: 'frames are JSON text' };
    if (!parsed.ok) {
      ws.close(STREAM_CLOSE.badFrame, parsed.problem.slice(0, 120));
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'run.event') {
      if (frame.event.jobId === live.jobId) this.onEvent(frame.event);
      else ws.close(STREAM_CLOSE.badFrame, 'event: not of this stream’s job');
    } else if (frame.type === 'terminal.output') {
      live.screen = (live.screen + frame.data).slice(-TERMINAL_SCROLLBACK_CHARS);
      live.recorder.output(frame.data);
      this.#host.tell({ type: 'terminal.output', terminalId: live.terminalId, data: frame.data }, EVERYONE);
    } else this.#fileCame(live, frame);
  }

  /** A file asked for came back from the shell: into the doc, or the asker is told why not. */
  #fileCame(live: Live, frame: Extract<ToRoomFrame, { type: 'terminal.file' }>): void {
    const by = live.asked.get(frame.path);
    if (!by) return; // nobody asked (or it was answered already): nothing is written
    live.asked.delete(frame.path);
    const problem =
      frame.content === undefined
        ? (frame.problem ?? 'no content came back')
        : this.#host.bringBack(frame.path, frame.content, by);
    const base = { type: 'terminal.file' as const, terminalId: live.terminalId, path: frame.path, by: by.name };
    if (problem) this.#host.tell({ ...base, ok: false, message: problem }, { to: 'connection', connId: by.connId });
    else
      this.#host.tell(
        { ...base, ok: true, message: `${by.name} brought ${frame.path} back from the terminal.` },
        EVERYONE,
      );
  }

  /**
   * A socket closed: if it held the keyboard, the keyboard is free (everyone is told), so
   * the holder's own reconnected socket, or anyone else, types without being refused.
   */
  left(connId: string): void {
    const live = this.#live;
    if (!live || live.keyboard?.connId !== connId) return;
    live.keyboard = null;
    this.#host.tell(this.message(), EVERYONE);
  }

  #takeKeyboard(live: Live, by: Typist): void {
    live.keyboard = { connId: by.connId, name: by.name };
    this.#host.tell(this.message(), EVERYONE);
  }

  #send(live: Live, frame: ToExecutorFrame): Result<null> {
    try {
      live.ws?.send(JSON.stringify(frame));
      return ok(null);
    } catch {
      return refused('no_terminal', 'The terminal lost its connection; open it again.');
    }
  }

  #closed(live: Live, reason: string, code?: 'terminals_full'): void {
    if (this.#live !== live) return;
    this.#live = null;
    live.recorder.flush();
    this.#host.tell({ type: 'terminal.closed', terminalId: live.terminalId, reason, ...(code && { code }) }, EVERYONE);
    this.#host.tell(this.message(), EVERYONE);
  }

  #view(live: Live): TerminalView {
    return {
      terminalId: live.terminalId,
      openedBy: live.openedBy,
      openedAt: live.openedAt,
      state: live.ws ? 'open' : 'starting',
      keyboard: live.keyboard,
    };
  }
}
