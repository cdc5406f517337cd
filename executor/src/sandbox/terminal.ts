/**
 * A shared terminal's sandbox (SPEC § 45): a fresh container of the room's language
 * image under the same lockdown as every run (container.ts sandboxSpec), used once and
 * removed. Its first process unpacks the room's files into /tmp/work from its stdin (a
 * read-only root refuses `putArchive`) and then only waits, under Docker's init, which
 * reaps whatever the candidate starts; the shell is a `docker exec` with Docker's own TTY
 * (`Tty: true`, resized with the exec resize endpoint), so the pty is the engine's and no
 * pty code of ours runs inside the sandbox. Anything started in the shell (a server, a
 * `sleep &`) lives as long as the container: until the terminal closes.
 *
 * @example
 * const term = await openTerminal(docker, config, 'python', image, files, 256);
 * term.output.on('data', (bytes) => …); term.write('ls\r'); await term.resize(120, 30);
 * const file = await term.readFile('main.py'); // { content } or { problem }, within TERMINAL_READ_TIMEOUT_MS
 * term.close();
 */
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { JobRequest } from '../api';
import { MAX_FILE_BYTES, TERMINAL_READ_HOST_SLACK_MS, TERMINAL_READ_TIMEOUT_MS } from '../limits';
import { attachAll, removeInBackground, sandboxSpec } from './container';
import { DockerDemuxer } from './demux';
import { tarFiles } from './payload';
import type { SandboxConfig } from './runtime';

/** The shell's working directory, where the room's files are. */
export const TERMINAL_DIR = '/tmp/work';
const READY = 'codesync-terminal-ready';
/** How long the files may take to unpack (a loaded 2-core machine included). */
const UNPACK_TIMEOUT_MS = 60_000;

export interface TerminalSandbox {
  /** What the pty writes (the shell's stdout and stderr together, as a terminal has them). */
  output: Duplex;
  /** Resolves when the shell has exited (or its container is gone). */
  ended: Promise<void>;
  write(data: string): void;
  resize(cols: number, rows: number): Promise<void>;
  /** A regular file of the working directory, read inside the sandbox (the host never opens it), under a deadline. */
  readFile(path: string): Promise<{ content: string } | { problem: string }>;
  /** Kills everything in the sandbox and removes it; synchronous, so nothing stuck can keep it. */
  close(): void;
}

export async function openTerminal(
  docker: Docker,
  config: SandboxConfig,
  language: string,
  image: string,
  files: JobRequest['files'],
  memoryMb: number,
): Promise<TerminalSandbox> {
  const spec = sandboxSpec(config, language, image, memoryMb);
  const container = await docker.createContainer({
    ...spec,
    Cmd: [
      '/bin/sh',
      '-c',
      `mkdir ${TERMINAL_DIR} && cd ${TERMINAL_DIR} && tar -xf - && echo ${READY} && exec sleep infinity`,
    ],
    // No runner here: the shell and everything it starts run as the program uid from the
    // first process on, with no capability at all (sandboxSpec's root and CapAdd are the
    // runner's, to drop itself to two uids).
    User: '10001:10001',
    Labels: { ...spec.Labels, 'codesync.kind': 'terminal' },
    HostConfig: { ...spec.HostConfig, CapAdd: [], Init: true },
  });
  try {
    const attached = await attachAll(container);
    await container.start();
    await unpack(attached, await tarFiles(files));
    const exec = await container.exec({
      Cmd: ['/bin/bash', '-i'],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      User: '10001:10001',
      WorkingDir: TERMINAL_DIR,
      Env: ['TERM=xterm-256color', 'HOME=/tmp', 'PS1=\\w$ '],
    });
    const output = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
    const ended = new Promise<void>((resolve) => {
      output.once('end', resolve);
      output.once('close', resolve);
      output.once('error', () => resolve());
    });
    return {
      output,
      ended,
      write: (data) => {
        if (output.writable) output.write(data);
      },
      resize: async (cols, rows) => {
        await exec.resize({ w: cols, h: rows });
      },
      readFile: (path) => readInside(container, path),
      close: () => {
        output.destroy();
        attached.destroy();
        removeInBackground(container);
      },
    };
  } catch (error) {
    removeInBackground(container);
    throw error;
  }
}

/** Sends the tar on the container's stdin and waits for its first process to say it is unpacked. */
function unpack(attached: Duplex, tar: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const demux = new DockerDemuxer();
    let said = '';
    const timer = setTimeout(() => fail(new Error('the terminal did not unpack its files in time')), UNPACK_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      attached.off('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      for (const frame of demux.push(chunk)) said += frame.data.toString('utf8');
      if (said.includes(READY)) {
        clearTimeout(timer);
        attached.off('data', onData);
        resolve();
      } else if (said.length > 4096) fail(new Error(`unpacking the terminal's files failed: ${said.slice(0, 200)}`));
    };
    attached.on('data', onData);
    attached.once('end', () =>
      fail(new Error(`the terminal's sandbox stopped while unpacking: ${said.slice(0, 200)}`)),
    );
    attached.end(tar);
  });
}

/** A file type the bring-back refuses, as the read's first step says it (exit NOT_REGULAR). */
const NOT_REGULAR = 64;
/** The exit of a read the in-sandbox watchdog killed (SIGKILL). */
const KILLED = 137;

/**
 * Reads `path` (validated by the frame's schema: relative, no `..`) with `head` run
 * inside the sandbox as its user, at most MAX_FILE_BYTES + 1 bytes: what the host gets
 * is bounded and it never follows a path the candidate's code could have made. Only a
 * regular file is read (a FIFO, a device, a directory or a socket is refused in words:
 * opening a FIFO nobody writes blocks for ever, a device never ends), and under a
 * deadline on both sides (SPEC TERM15): a watchdog inside kills a read still going after
 * TERMINAL_READ_TIMEOUT_MS (a file swapped for a FIFO after the check), and the host
 * stops waiting soon after whatever the sandbox does, so an answer always comes.
 */
async function readInside(
  container: Docker.Container,
  path: string,
): Promise<{ content: string } | { problem: string }> {
  let stream: Duplex | null = null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ problem: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ problem: tooSlow(path) }),
      TERMINAL_READ_TIMEOUT_MS + TERMINAL_READ_HOST_SLACK_MS,
    );
  });
  try {
    return await Promise.race([
      readRegular(container, path, (opened) => {
        stream = opened;
      }),
      late,
    ]);
  } catch (error) {
    return { problem: `${path} could not be read in the terminal: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
    (stream as Duplex | null)?.destroy();
  }
}

const tooSlow = (path: string) =>
  `${path} was not read within ${TERMINAL_READ_TIMEOUT_MS / 1000} s (is it a pipe or a device, or still being written?); only regular files come back into the room`;

/** The read itself, in `sh` (the path is its argument, never part of the script). */
const READ_SCRIPT = `f=$1
if [ -e "$f" ] && [ ! -f "$f" ]; then
  if [ -d "$f" ]; then k='a directory'
  elif [ -p "$f" ]; then k='a named pipe (FIFO)'
  elif [ -S "$f" ]; then k='a socket'
  elif [ -c "$f" ] || [ -b "$f" ]; then k='a device'
  else k='not a file'; fi
  printf '%s' "$k" >&2
  exit ${NOT_REGULAR}
fi
head -c ${MAX_FILE_BYTES + 1} -- "$f" &
p=$!
(sleep ${Math.ceil(TERMINAL_READ_TIMEOUT_MS / 1000)}; kill -9 $p) >/dev/null 2>&1 &
w=$!
wait $p
s=$?
kill $w 2>/dev/null
exit $s`;

async function readRegular(
  container: Docker.Container,
  path: string,
  opened: (stream: Duplex) => void,
): Promise<{ content: string } | { problem: string }> {
  const exec = await container.exec({
    Cmd: ['/bin/sh', '-c', READ_SCRIPT, 'codesync-read', path],
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    User: '10001:10001',
    WorkingDir: TERMINAL_DIR,
  });
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Duplex;
  opened(stream);
  const demux = new DockerDemuxer();
  const out: Buffer[] = [];
  let err = '';
  let bytes = 0;
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      for (const frame of demux.push(chunk)) {
        if (frame.stream === 'stdout' && bytes <= MAX_FILE_BYTES) {
          out.push(frame.data);
          bytes += frame.data.length;
        } else if (frame.stream === 'stderr') err = (err + frame.data.toString('utf8')).slice(0, 300);
      }
    });
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode === NOT_REGULAR)
    return { problem: `${path} is ${err.trim()}, not a regular file; only regular files come back into the room` };
  if (ExitCode === KILLED) return { problem: tooSlow(path) };
  if (ExitCode !== 0)
    return { problem: `${path} could not be read in the terminal: ${err.trim() || `exit ${ExitCode}`}` };
  if (bytes > MAX_FILE_BYTES) return { problem: `${path} is over ${MAX_FILE_BYTES} bytes, the most a file may hold` };
  const content = Buffer.concat(out);
  try {
    return { content: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return { problem: `${path} is not UTF-8 text; only text files come back into the room` };
  }
}
