/**
 * One sandbox: a fresh, locked-down container that runs exactly one job and is then
 * removed. It is created and started ahead of time (pool.ts), blocked reading its
 * stdin, so a job only pays for writing its payload.
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { Config } from '../config';
import { COMPILE_BUDGET_MS } from '../limits';
import { MarkerSplitter } from './markers';
import { buildPayload } from './payload';
import { type Observed, splitStatus, verdictFor } from './verdict';

export const SANDBOX_LABEL = 'codesync.sandbox';

const removals = new Set<Promise<void>>();

/**
 * Removes a used container (killing whatever it still runs) off the job's critical
 * path; `settleRemovals` waits for them, e.g. at shutdown.
 */
export function removeInBackground(container: Docker.Container): void {
  const removal = container.remove({ force: true }).then(
    () => undefined,
    (error: { statusCode?: number; message: string }) => {
      // 404: already gone; 409: removal already in progress. Anything else is worth a line.
      if (error.statusCode !== 404 && error.statusCode !== 409)
        console.error(`removing a sandbox failed: ${error.message}`);
    },
  );
  removals.add(removal);
  removal.finally(() => removals.delete(removal));
}

export async function settleRemovals(): Promise<void> {
  await Promise.all(removals);
}
export const OWNER_LABEL = 'codesync.owner';

export interface Sandbox {
  container: Docker.Container;
  stream: Duplex;
  language: string;
  memoryMb: number;
}

export interface SandboxLimits {
  timeMs: number;
  memoryMb: number;
  outputKb: number;
}

export async function createSandbox(
  docker: Docker,
  config: Config,
  language: string,
  image: string,
  memoryMb: number,
): Promise<Sandbox> {
  const memory = memoryMb * 1024 * 1024;
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['/bin/sh', '/opt/codesync/runner.sh'],
    User: '10001:10001',
    WorkingDir: '/tmp',
    // Only what the image sets: no variable of the host (no secret) reaches a sandbox.
    Env: [],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: config.owner, 'codesync.language': language },
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,exec,nosuid,nodev,size=${config.tmpMb}m,mode=1777` },
      Memory: memory,
      MemorySwap: memory, // memory + swap = memory: no swap
      NanoCpus: Math.round(config.cpus * 1e9),
      PidsLimit: config.pidsLimit,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      LogConfig: { Type: 'none', Config: {} },
      ShmSize: 8 * 1024 * 1024,
      IpcMode: 'private',
      Runtime: config.runtime,
      Ulimits: [
        { Name: 'core', Soft: 0, Hard: 0 },
        { Name: 'nofile', Soft: 256, Hard: 256 },
      ],
    },
  });
  try {
    const stream = (await container.attach({
      stream: true,
      hijack: true,
      stdin: true,
      stdout: true,
      stderr: true,
    })) as unknown as Duplex;
    await container.start();
    return { container, stream, language, memoryMb };
  } catch (error) {
    removeInBackground(container);
    throw error;
  }
}

export interface RunInput {
  files: { path: string; content: string }[];
  entry: string;
  stdin: string;
  analyze: boolean;
  limits: SandboxLimits;
}

export type OutputStream = 'stdout' | 'stderr' | 'compile';

export interface RunOutcome extends Observed {
  stdout: string;
  stderr: string;
  compileOutput: string;
  analysisOutput: string;
  timeMs: number | null;
  memoryKb: number | null;
  truncated: boolean;
}

/**
 * Runs one job in `sandbox` and removes the container, whatever happens.
 * `onOutput` sees output as it arrives (already within the output cap).
 */
export async function runInSandbox(
  sandbox: Sandbox,
  input: RunInput,
  onOutput: (stream: OutputStream, data: string) => void,
): Promise<RunOutcome & { verdict: ReturnType<typeof verdictFor>; exitCode: number | null; signal: string | null }> {
  const { container, stream } = sandbox;
  const { limits } = input;
  const nonce = randomBytes(16).toString('hex');
  const cap = limits.outputKb * 1024;
  const out = { stdout: '', stderr: '', compile: '', analysis: '' };
  const observed: Observed = {
    killedFor: null,
    compileStatus: null,
    exitStatus: null,
    containerExit: null,
    oomKilled: false,
  };
  let phase: 'compile' | 'analysis' | 'run' | 'done' = 'compile';
  let used = 0;
  let truncated = false;
  let runStartedAt: number | null = null;
  let runEndedAt: number | null = null;
  let peakBytes: number | null = null;
  let timer: NodeJS.Timeout | undefined;

  const kill = (reason: 'time' | 'output') => {
    if (observed.killedFor || phase === 'done') return;
    observed.killedFor = reason;
    runEndedAt ??= performance.now();
    container.kill({ signal: 'SIGKILL' }).catch(() => undefined); // it may have exited already
  };
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => kill('time'), ms);
  };

  /** Program output counts against the cap; past it the sandbox is killed. */
  const emit = (streamName: 'stdout' | 'stderr' | 'compile', data: string) => {
    if (observed.killedFor === 'output' || data.length === 0) return;
    const bytes = Buffer.byteLength(data);
    let text = data;
    if (used + bytes > cap) {
      text = Buffer.from(data)
        .subarray(0, cap - used)
        .toString('utf8');
      truncated = true;
    }
    used += Buffer.byteLength(text);
    out[streamName] += text;
    if (text) onOutput(streamName, text);
    if (truncated) kill('output');
  };

  const splitter = new MarkerSplitter(nonce);
  const onMarker = (fields: string[]) => {
    const [name, ...values] = fields;
    if (name === 'analysis-start') phase = 'analysis';
    else if (name === 'analysis-end') phase = 'compile';
    else if (name === 'compiled') {
      observed.compileStatus = Number(values[0]);
      phase = 'run';
      runStartedAt = performance.now();
      arm(limits.timeMs);
    } else if (name === 'exited') {
      runEndedAt ??= performance.now();
      clearTimeout(timer);
      observed.exitStatus = Number(values[0]);
      peakBytes = values[1] ? Number(values[1]) : null;
      observed.oomKilled ||= Number(values[2] ?? 0) > 0;
      phase = 'done';
    }
  };
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const routeStderr = (data: string) => {
    if (phase === 'analysis') out.analysis += data.slice(0, 256 * 1024 - out.analysis.length);
    else if (phase === 'compile') emit('compile', data);
    else if (phase === 'run') emit('stderr', data);
  };
  const onStderrText = (text: string) => {
    for (const piece of splitter.feed(text)) {
      if (piece.kind === 'marker') onMarker(piece.fields);
      else routeStderr(piece.data);
    }
  };

  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', resolve);
  });
  // Docker multiplexes stdout and stderr on one stream: 8-byte frame headers.
  let buffered: Buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 8) {
      const size = buffered.readUInt32BE(4);
      if (buffered.length < 8 + size) break;
      const kind = buffered[0];
      const payload = buffered.subarray(8, 8 + size);
      buffered = buffered.subarray(8 + size);
      // Only the program writes to stdout (the runner sends compile and analysis output
      // to stderr), and Docker copies the two pipes independently: a program's stdout
      // may arrive before the "compiled" marker on stderr, so it is never phase-routed.
      if (kind === 1) emit('stdout', decoders.stdout.decode(payload, { stream: true }));
      else if (kind === 2) onStderrText(decoders.stderr.decode(payload, { stream: true }));
    }
  });

  try {
    if (limits.memoryMb !== sandbox.memoryMb) {
      const memory = limits.memoryMb * 1024 * 1024;
      await container.update({ Memory: memory, MemorySwap: memory });
    }
    arm(COMPILE_BUDGET_MS);
    const payload = await buildPayload(
      { nonce, entry: input.entry, analyze: input.analyze, memoryMb: limits.memoryMb },
      input.files,
      input.stdin,
    );
    // Write, then half-close: the program sees EOF on its stdin (StdinOnce).
    stream.end(payload);
    const exited = container.wait() as Promise<{ StatusCode: number }>;
    // The output ends when the container's processes are gone. Waiting for the
    // container itself to be torn down would add ~30 ms to every run.
    await Promise.race([ended, exited.then(() => new Promise((r) => setTimeout(r, 1000)))]);
    for (const piece of splitter.flush()) if (piece.kind === 'text') routeStderr(piece.data);
    if (observed.exitStatus === null) {
      // The runner did not report (killed, or died under the program): ask Docker.
      observed.containerExit = (await exited).StatusCode;
      observed.oomKilled ||= Boolean((await container.inspect()).State.OOMKilled);
    } else {
      exited.catch(() => undefined); // settled by the removal below; nothing to learn from it
    }
  } finally {
    clearTimeout(timer);
    runEndedAt ??= performance.now();
    removeInBackground(container);
  }

  const verdict = verdictFor(observed);
  const { exitCode, signal } = splitStatus(observed.exitStatus);
  return {
    ...observed,
    verdict,
    exitCode,
    signal,
    stdout: out.stdout,
    stderr: out.stderr,
    compileOutput: out.compile,
    analysisOutput: out.analysis,
    timeMs: runStartedAt === null ? null : Math.round(runEndedAt - runStartedAt),
    memoryKb: peakBytes === null ? null : Math.round(peakBytes / 1024),
    truncated,
  };
}
