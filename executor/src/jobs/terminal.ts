/**
 * A terminal job (SPEC § 45): a shell in a sandbox (sandbox/terminal.ts) driven over the
 * job's stream until it ends. The executor owns the container, so it enforces the
 * caps itself, whatever the room does: no input for `idleMs` or a life past `hardMs`
 * closes it, and output past TERMINAL_OUTPUT_BYTES_PER_SECOND (in any one second) or
 * TERMINAL_OUTPUT_TOTAL_BYTES (in all) is dropped with a notice written into the terminal:
 * the reading never stops, so a flood never stalls the shell or the stream.
 *
 * @example
 * const ended = await runTerminal(sandbox, job, live, { idleMs, hardMs }); // 'the shell exited'
 */
import { StringDecoder } from 'node:string_decoder';
import {
  TERMINAL_CLOSE_NOTICE_MS,
  TERMINAL_OUTPUT_BYTES_PER_SECOND,
  TERMINAL_OUTPUT_CHUNK_BYTES,
  TERMINAL_OUTPUT_TOTAL_BYTES,
} from '../limits';
import type { SandboxService } from '../plugins/sandbox';
import type { RunStream, TerminalFrame } from '../stream/channel';
import type { Job } from './store';

export interface TerminalCaps {
  idleMs: number;
  hardMs: number;
  memoryMb: number;
}

/** A notice in the terminal itself, set apart from the shell's output. */
export const notice = (text: string) => `\r\n\x1b[7m[CodeSync] ${text}\x1b[0m\r\n`;

/** Runs the terminal until it ends; answers why it ended, in words (the job's stderr). */
export async function runTerminal(
  sandbox: SandboxService,
  job: Job,
  live: RunStream,
  caps: TerminalCaps,
): Promise<string> {
  const { language, files } = job.request;
  const term = await sandbox.terminal(language, files, caps.memoryMb);
  const output = new OutputGate((data) => void live.send({ type: 'terminal.output', data }));
  let endReason = 'the shell exited';
  let finish: () => void = () => {};
  const over = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const end = (reason: string) => {
    endReason = reason;
    finish();
  };
  let idle = setTimeout(() => end(`no input for ${seconds(caps.idleMs)}: the terminal was closed`), caps.idleMs);
  const hard = setTimeout(
    () => end(`the terminal reached its limit of ${seconds(caps.hardMs)} and was closed`),
    caps.hardMs,
  );
  term.output.on('data', (chunk: Buffer) => output.push(chunk));
  void term.ended.then(() => end('the shell exited'));
  live.attach({
    write: () => {},
    end: () => {},
    stop: () => end('the terminal was closed'),
    dropped: (reason) => end(`the room's stream closed (${reason}): the terminal was closed`),
    terminal: (frame: TerminalFrame) => {
      if (frame.type === 'terminal.input') {
        clearTimeout(idle);
        idle = setTimeout(() => end(`no input for ${seconds(caps.idleMs)}: the terminal was closed`), caps.idleMs);
        term.write(frame.data);
      } else if (frame.type === 'terminal.resize') {
        term.resize(frame.cols, frame.rows).catch(() => {}); // a resize racing the end is harmless
      } else {
        const { path } = frame;
        term.readFile(path).then(
          (file) => void live.send({ type: 'terminal.file', path, ...file }),
          (error: Error) => void live.send({ type: 'terminal.file', path, problem: `${path}: ${error.message}` }),
        );
      }
    },
  });
  try {
    await over;
  } finally {
    clearTimeout(idle);
    clearTimeout(hard);
    output.flush();
    // The notice is queued after the last output, then the container goes at once, before
    // any wait (SPEC TERM15): nothing stuck (a read, a stream that stopped taking frames)
    // can keep the sandbox or its slot. The notice gets a bounded moment to be written.
    const told = live.send({ type: 'terminal.output', data: notice(endReason) });
    term.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([told, new Promise((resolve) => (timer = setTimeout(resolve, TERMINAL_CLOSE_NOTICE_MS)))]);
    clearTimeout(timer);
  }
  return endReason;
}

const seconds = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

/**
 * Passes output on in frames, coalescing what arrives in one turn of the event loop (a
 * keystroke's echo goes at once; a flood goes in TERMINAL_OUTPUT_CHUNK_BYTES frames), and
 * drops what is over the per-second or total cap, saying so once per second it drops.
 */
export class OutputGate {
  readonly #decoder = new StringDecoder('utf8');
  readonly #send: (data: string) => void;
  #pending = '';
  #scheduled = false;
  #windowStart = 0;
  #windowBytes = 0;
  #total = 0;
  #noticeWindow = -1;

  constructor(
    send: (data: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.#send = send;
  }

  push(chunk: Buffer): void {
    const at = this.now();
    if (at - this.#windowStart >= 1000) {
      this.#windowStart = at;
      this.#windowBytes = 0;
    }
    if (this.#total + chunk.length > TERMINAL_OUTPUT_TOTAL_BYTES) {
      this.#drop(`output past ${TERMINAL_OUTPUT_TOTAL_BYTES / (1024 * 1024)} MB in all is dropped`);
      return;
    }
    if (this.#windowBytes + chunk.length > TERMINAL_OUTPUT_BYTES_PER_SECOND) {
      this.#drop(`output over ${TERMINAL_OUTPUT_BYTES_PER_SECOND / 1024} KB/s is dropped`);
      return;
    }
    this.#windowBytes += chunk.length;
    this.#total += chunk.length;
    this.#queue(this.#decoder.write(chunk));
  }

  flush(): void {
    this.#scheduled = false;
    while (this.#pending) {
      const frame = cut(this.#pending, TERMINAL_OUTPUT_CHUNK_BYTES);
      this.#pending = this.#pending.slice(frame.length);
      this.#send(frame);
    }
  }

  #drop(why: string): void {
    if (this.#noticeWindow === this.#windowStart) return;
    this.#noticeWindow = this.#windowStart;
    this.#queue(notice(why));
  }

  #queue(text: string): void {
    if (!text) return;
    this.#pending += text;
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }
}

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes (never splitting a character). */
function cut(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let end = Math.min(text.length, bytes);
  while (end > 0 && Buffer.byteLength(text.slice(0, end)) > bytes) end = Math.floor(end * 0.9);
  // Never end between the halves of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, Math.max(1, end));
}
