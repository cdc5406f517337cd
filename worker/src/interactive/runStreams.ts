/**
 * The room's end of its interactive runs' streams (docs/STREAMING.md): it accepts the
 * one socket each run's executor dials, takes the job's events from it into the run
 * machine (as if they had been POSTed), and carries the room's typed input and stops to
 * the program. The socket is accepted with `accept()`, not the hibernation API: it is
 * never in `ctx.getWebSockets()`, so nothing meant for participants reaches it, and it
 * lives only while its run does (the room is awake then anyway: its alarm checks the
 * run). Should the object go away, the socket closes and the executor stops the run
 * with a verdict that says so.
 *
 * @example
 * if (isStreamRequest(request)) return streams.accept(request); // RoomDO.fetch
 * await streams.stdin({ connId, name, role }, { type: 'stdin', runId, data: 'Ada\n' });
 */
import { parseFrame, STREAM_CLOSE, type ToExecutorFrame, toRoomFrame } from '@codesync/executor/stream';
import type { Role } from '../auth/roles';
import { STDIN_BURST, STDIN_PER_SECOND } from '../limits';
import type { RoomHistory } from '../playback/roomHistory';
import { ok, type Result, refusalResponse, refuse, refused } from '../refusals';
import { TokenBuckets } from '../room/rateLimit';
import type { RunCoordinator } from '../runs/coordinator';
import type { RunRepository } from '../runs/repository';
import { isClosed } from '../runs/run';
import { checkHandshake, type Handshake } from './handshake';
import type { StdinMessage } from './messages';

export interface StreamHost {
  secret: string;
  /** The room's own id, or null before it exists. */
  roomId(): string | null;
  /** Where a run's use of its one stream is written down, so a replayed handshake finds it. */
  kv: SyncKvStorage;
  runs: RunCoordinator;
  runStore: RunRepository;
  playback: RoomHistory;
}

export interface Typist {
  connId: string;
  name: string;
  role: Role;
}

/** What a typed EOF shows in everyone's console. */
export const EOF_ECHO = '^D\n';

const usedKey = (runId: string) => `interactive-stream:${runId}`;

export class RunStreams {
  readonly #host: StreamHost;
  readonly #open = new Map<string, { ws: WebSocket; handshake: Handshake }>();
  readonly #buckets = new TokenBuckets(STDIN_PER_SECOND, STDIN_BURST);
  /** Per run, the last line still on its way (lines go to the program in the order they came). */
  readonly #typing = new Map<string, Promise<void>>();

  constructor(host: StreamHost) {
    this.#host = host;
  }

  /** A handshake the worker forwarded: checked again here, then accepted once per run, ever. */
  async accept(request: Request): Promise<Response> {
    const check = await checkHandshake(this.#host.secret, request);
    if (!check.ok) return refusalResponse(refuse('unauthorized', `Stream not signed correctly: ${check.reason}.`));
    const { handshake } = check;
    if (handshake.roomId !== this.#host.roomId())
      return refusalResponse(refuse('not_found', 'request: names another room'));
    const record = this.#host.runStore.get(handshake.runId);
    if (!record?.run.interactive || isClosed(record.run)) {
      return refusalResponse(refuse('run_not_live', 'This run is not an interactive run that is running now.'));
    }
    if (record.jobId !== null && record.jobId !== handshake.jobId) {
      return refusalResponse(refuse('unauthorized', 'job: not the job this run posted'));
    }
    // One stream per run, ever: a replayed (or second) handshake is refused.
    if (this.#host.kv.get(usedKey(handshake.runId)) !== undefined) {
      return refusalResponse(refuse('run_not_live', "This run's stream was opened before; a run has one."));
    }
    this.#host.kv.put(usedKey(handshake.runId), handshake.jobId);
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.#open.set(handshake.runId, { ws: server, handshake });
    server.addEventListener('message', (event) => {
      this.#onFrame(server, handshake, event.data).catch((error: Error) => {
        console.error('an interactive run event failed', { runId: handshake.runId, error: error.message });
      });
    });
    const gone = () => {
      if (this.#open.get(handshake.runId)?.ws === server) this.#open.delete(handshake.runId);
    };
    server.addEventListener('close', gone);
    server.addEventListener('error', gone);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** An editor typed into a run (the role was checked by roomMessages.ts). */
  async stdin(by: Typist, message: StdinMessage): Promise<Result<null>> {
    // A run may outlive its interview; a socket opened to read the ended room must not type into it.
    if (this.#host.runs.roomEnded()) {
      return refused('room_ended', 'The interview has ended: nobody types into its runs any more.');
    }
    const live = this.#live(message.runId);
    if (!live.ok) return live;
    if (!this.#buckets.take(by.connId)) {
      return refused(
        'rate_limited',
        `A run takes at most ${STDIN_PER_SECOND} lines a second from one person; slow down.`,
        1,
      );
    }
    const data = message.data ?? EOF_ECHO;
    // One line after another, in the order they came: each waits for the echo of the one
    // before it, since two handlers awaiting their echoes at once resume in no fixed order
    // (lines typed fast reached the program reversed).
    const previous = this.#typing.get(message.runId) ?? Promise.resolve();
    const turn = previous.then(async () => {
      // Echoed (stored and broadcast) before it is sent: no output it causes can come first.
      await this.#host.runs.typed(message.runId, by.name, data);
      this.#host.playback.typed({ name: by.name, role: by.role }, message.runId, data);
      const still = this.#live(message.runId);
      if (!still.ok) return;
      this.#send(
        still.value,
        message.data === undefined ? { type: 'run.eof' } : { type: 'run.stdin', data: message.data },
      );
    });
    const settled = turn.catch(() => undefined);
    this.#typing.set(message.runId, settled);
    void settled.then(() => {
      if (this.#typing.get(message.runId) === settled) this.#typing.delete(message.runId);
    });
    await turn;
    return ok(null);
  }

  /** An editor stops a live interactive run (Ctrl-C): the executor kills it and sends its verdict. */
  stop(runId: string): Result<null> {
    const live = this.#live(runId);
    if (!live.ok) return live;
    this.#send(live.value, { type: 'run.stop' });
    return ok(null);
  }

  /** The room ended: every live interactive run is stopped, as by Ctrl-C (SPEC INT15). */
  stopAll(): void {
    for (const { ws } of this.#open.values()) {
      try {
        this.#send(ws, { type: 'run.stop' });
      } catch {
        // Already closing: the executor stops a run whose stream is gone.
      }
    }
  }

  #live(runId: string): Result<WebSocket> {
    const record = this.#host.runStore.get(runId);
    if (!record) return refused('no_such_run');
    if (!record.run.interactive)
      return refused('run_not_live', 'This run is not interactive: its input was given when it started.');
    if (isClosed(record.run)) return refused('run_not_live', 'This run has ended; start it again to type into it.');
    const open = this.#open.get(runId);
    if (!open) return refused('run_not_live', 'This run is not connected yet (or lost its connection); wait a moment.');
    return ok(open.ws);
  }

  #send(ws: WebSocket, frame: ToExecutorFrame): void {
    ws.send(JSON.stringify(frame));
  }

  async #onFrame(ws: WebSocket, handshake: Handshake, data: string | ArrayBuffer): Promise<void> {
    const parsed =
      typeof data === 'string'
        ? parseFrame(toRoomFrame, data)
        : { ok: false as const, problem: 'frames are JSON text' };
    if (!parsed.ok) return ws.close(STREAM_CLOSE.badFrame, parsed.problem.slice(0, 120));
    // A run's stream carries its job's events only (terminal frames are the terminal's: terminal/).
    if (parsed.frame.type !== 'run.event')
      return ws.close(STREAM_CLOSE.badFrame, 'type: a run stream carries run.event');
    const { event } = parsed.frame;
    // The socket speaks for its own job and run only.
    if (event.jobId !== handshake.jobId || event.requestId !== handshake.requestId) {
      return ws.close(STREAM_CLOSE.badFrame, 'event: not of this stream’s job');
    }
    await this.#host.runs.onEvent(handshake.runId, event);
  }
}
