/**
 * The executor's end of a run's stream (frames.ts): dials the room, signed, and carries
 * the room's input to the sandbox and the job's events to the room. Frames that arrive
 * before the sandbox is ready wait here; a frame that does not parse, or input past
 * MAX_INTERACTIVE_STDIN_BYTES, closes the stream, and a closed stream stops the run
 * (jobs/execute.ts): an interactive program never waits on input that cannot come.
 *
 * @example
 * const stream = await RunStream.open(url, secret);
 * stream.attach({ write, end, stop, dropped });
 * await stream.send({ type: 'run.event', event });
 */
import WebSocket from 'ws';
import { MAX_INTERACTIVE_STDIN_BYTES, MAX_STREAM_FRAME_BYTES, STREAM_CONNECT_TIMEOUT_MS } from '../limits';
import {
  parseFrame,
  STREAM_CLOSE,
  streamHeaders,
  type ToExecutorFrame,
  type ToRoomFrame,
  toExecutorFrame,
} from './frames';

/** Where the room's input goes: the sandbox's stdin, and the run's stop. */
export interface LiveSink {
  write(data: string): void;
  end(): void;
  stop(): void;
  /** The stream closed before the run ended: stop it, and say why. */
  dropped(reason: string): void;
  /** A terminal's frames (keystrokes, size, a file asked for); a run has none (jobs/terminal.ts). */
  terminal?(frame: TerminalFrame): void;
}

export type TerminalFrame = Extract<ToExecutorFrame, { type: `terminal.${string}` }>;

export class RunStream {
  readonly #ws: WebSocket;
  #sink: LiveSink | null = null;
  readonly #waiting: ToExecutorFrame[] = [];
  #stdinBytes = 0;
  #closed: string | null = null;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data, isBinary) => this.#onFrame(isBinary ? null : data.toString()));
    ws.on('close', (code, reason) => this.#onClose(`the room closed the run's stream (${code} ${reason.toString()})`));
    ws.on('error', (error) => this.#onClose(`the run's stream failed: ${error.message}`));
  }

  /** Dials `url` (streamUrlFor); rejects with the reason when the room does not accept the stream. */
  static open(url: URL, secret: string, timeoutMs = STREAM_CONNECT_TIMEOUT_MS): Promise<RunStream> {
    return streamHeaders(secret, `${url.pathname}${url.search}`).then(
      (headers) =>
        new Promise<RunStream>((resolve, reject) => {
          const ws = new WebSocket(url, {
            headers,
            handshakeTimeout: timeoutMs,
            maxPayload: MAX_STREAM_FRAME_BYTES,
            followRedirects: false, // a redirect could carry the signed handshake anywhere
            perMessageDeflate: false,
          });
          ws.once('open', () => resolve(new RunStream(ws)));
          ws.once('unexpected-response', (_req, res) => {
            reject(new Error(`the room refused the run's stream (HTTP ${res.statusCode})`));
            res.resume();
            ws.terminate();
          });
          ws.once('error', (error) => reject(new Error(`the run's stream could not open: ${error.message}`)));
        }),
    );
  }

  get closed(): boolean {
    return this.#closed !== null;
  }

  /** The sandbox is ready: input waiting here goes in now, the rest as it comes. */
  attach(sink: LiveSink): void {
    this.#sink = sink;
    for (const frame of this.#waiting.splice(0)) this.#apply(frame);
    if (this.#closed) sink.dropped(this.#closed);
  }

  /** Sends one frame; resolves once it is written (or at once when the stream is gone). */
  send(frame: ToRoomFrame): Promise<boolean> {
    if (this.#closed || this.#ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => this.#ws.send(JSON.stringify(frame), (error) => resolve(!error)));
  }

  /** The run is over: close the stream (its events are all sent). */
  close(): void {
    this.#closed ??= 'the run ended';
    this.#ws.close(STREAM_CLOSE.done, 'the run ended');
  }

  #onFrame(text: string | null): void {
    const parsed =
      text === null
        ? { ok: false as const, problem: 'stream frames are JSON text' }
        : parseFrame(toExecutorFrame, text);
    if (!parsed.ok) {
      this.#ws.close(STREAM_CLOSE.badFrame, parsed.problem.slice(0, 120));
      this.#onClose(`the room sent a frame the executor refused: ${parsed.problem}`);
      return;
    }
    if (parsed.frame.type === 'run.stdin') {
      this.#stdinBytes += Buffer.byteLength(parsed.frame.data);
      if (this.#stdinBytes > MAX_INTERACTIVE_STDIN_BYTES) {
        const problem = `stdin: an interactive run takes at most ${MAX_INTERACTIVE_STDIN_BYTES} bytes of input`;
        this.#ws.close(STREAM_CLOSE.badFrame, problem);
        this.#onClose(problem);
        return;
      }
    }
    if (this.#sink) this.#apply(parsed.frame);
    else this.#waiting.push(parsed.frame);
  }

  #apply(frame: ToExecutorFrame): void {
    const sink = this.#sink as LiveSink;
    switch (frame.type) {
      case 'run.stdin':
        sink.write(frame.data);
        return;
      case 'run.eof':
        sink.end();
        return;
      case 'run.stop':
        sink.stop();
        return;
      case 'terminal.input':
      case 'terminal.resize':
      case 'terminal.fetch':
        sink.terminal?.(frame);
        return;
      default: {
        const unknown: never = frame;
        throw new Error(`unknown stream frame ${JSON.stringify(unknown)}`);
      }
    }
  }

  #onClose(reason: string): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.#sink?.dropped(reason);
  }
}
