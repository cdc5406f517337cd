/**
 * One job in one sandbox, from payload to outcome. The run moves through explicit
 * phases; which phase it is in decides where the runner's stderr goes and what a kill
 * means. The container is removed whatever happens.
 */
import { randomBytes } from 'node:crypto';
import { COMPILE_BUDGET_MS, INTERACTIVE_TIME_MS, MAX_TEST_OUTPUT_BYTES, TEST_JOB_SLACK_MS } from '../limits';
import type { LiveSink } from '../stream/channel';
import { CaseCollector, type CaseOutcome } from './cases';
import { removeInBackground, type Sandbox } from './container';
import { DockerDemuxer } from './demux';
import { MarkerSplitter } from './markers';
import { OutputBudget } from './outputBudget';
import { buildPayload, type SandboxCase } from './payload';
import { type Observed, splitStatus, verdictFor } from './verdict';

export interface SandboxLimits {
  timeMs: number;
  memoryMb: number;
  outputKb: number;
}

export interface RunInput {
  files: { path: string; content: string }[];
  entry: string;
  stdin: string;
  analyze: boolean;
  limits: SandboxLimits;
  /**
   * A test job: the program runs once per case instead, on the case's stdin (`stdin` is
   * unused). The sandbox never gets a case's expected output: judging is the caller's.
   */
  cases?: SandboxCase[];
  /** Libraries to mount, `name@version` each (packages/run.ts). */
  packages?: string[];
  /**
   * An interactive run: `stdin` is unused; the program's stdin stays open and takes what
   * the source writes as it comes (stream/channel.ts), and its wall clock is
   * INTERACTIVE_TIME_MS.
   */
  live?: { attach(sink: LiveSink): void };
}

export type OutputStream = 'stdout' | 'stderr' | 'compile';

/** What a run reports as it goes. */
export interface RunListener {
  /** Compile output, and a plain run's program output (a test job's is in its cases). */
  output(stream: OutputStream, data: string): void;
  /** A test job's case ended (in order). */
  testCase?(outcome: CaseOutcome): void;
}

export interface RunOutcome extends Observed {
  verdict: ReturnType<typeof verdictFor>;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  compileOutput: string;
  analysisOutput: string;
  /** The program's run alone: wall time, and its peak memory (never the compiler's). */
  timeMs: number | null;
  memoryKb: number | null;
  /** The compile step alone (null when it never finished). */
  compileTimeMs: number | null;
  compileMemoryKb: number | null;
  truncated: boolean;
}

/**
 * Where the run is. Markers move it forward only while no user code has run yet
 * (analysis and compile); once the program runs, nothing printed moves the run or
 * stops a timer: "exited" only reports how the program ended (see `onMarker`).
 */
export type Phase =
  | { phase: 'analysis' }
  | { phase: 'compile' }
  | { phase: 'run'; startedAt: number }
  | { phase: 'done'; startedAt: number | null; endedAt: number };

/** Analyzer output is kept for parsing, never shown raw: bounded on its own. */
const MAX_ANALYSIS_CHARS = 256 * 1024;

/**
 * Runs one job in `sandbox` and removes the container, whatever happens.
 * `listener.output` sees output as it arrives (already within the output cap).
 *
 * The runner marks its lines with a per-job nonce and keeps it out of the program's
 * reach (runner.pl runs the program under a uid of its own). Should the nonce leak all the
 * same, a forged line still cannot buy time: the
 * wall-clock limits are armed here and only the end of the container stops them, and
 * once the program runs the only line heard is "exited", the last one winning (the
 * runner's own comes after the program is gone). `nonce` is a parameter so that tests
 * can play that leak.
 */
export async function runInSandbox(
  sandbox: Sandbox,
  input: RunInput,
  listener: RunListener,
  nonce = randomBytes(16).toString('hex'),
): Promise<RunOutcome> {
  const { container, stream } = sandbox;
  const { limits } = input;
  // A test job's cases each get their own cap; the runner stops a case past it.
  const caseOutputBytes = Math.min(MAX_TEST_OUTPUT_BYTES, limits.outputKb * 1024);
  /** Set when something here cannot go on (a runner frame that does not parse). */
  let failure: Error | null = null;
  const cases: CaseCollector | null = input.cases
    ? new CaseCollector(caseOutputBytes, (outcome) => listener.testCase?.(outcome))
    : null;
  const budget = new OutputBudget(limits.outputKb * 1024);
  const out = { stdout: '', stderr: '', compile: '', analysis: '' };
  const observed: Observed = {
    killedFor: null,
    compileStatus: null,
    exitStatus: null,
    containerExit: null,
    oomKilled: false,
  };
  let state: Phase = { phase: 'compile' };
  /** The runner's last "exited" line: when the program ended, how, and its peak memory. */
  let reported = null as {
    at: number;
    status: number;
    peakBytes: number | null;
    oomKills: number;
    runKb: number | null;
  } | null;
  /** When the compile step began (after any analysis) and what it took. */
  let compileFrom = performance.now();
  const compile = { timeMs: null as number | null, memoryKb: null as number | null };
  const timers: NodeJS.Timeout[] = [];
  const runTimeMs = input.live ? INTERACTIVE_TIME_MS : limits.timeMs;

  /** Stops the run's clock (once) and returns the finished phase. */
  const finish = (endedAt = performance.now()): Extract<Phase, { phase: 'done' }> => {
    if (state.phase !== 'done') {
      state = { phase: 'done', startedAt: state.phase === 'run' ? state.startedAt : null, endedAt };
    }
    return state;
  };
  const kill = (reason: NonNullable<Observed['killedFor']>) => {
    if (observed.killedFor || state.phase === 'done') return;
    observed.killedFor = reason;
    finish();
    container.kill({ signal: 'SIGKILL' }).catch(() => undefined); // it may have exited already
  };
  const killAfter = (ms: number) => timers.push(setTimeout(() => kill('time'), ms));

  /** Program and compiler output count against the cap; past it the sandbox is killed. */
  const emit = (name: OutputStream, data: string) => {
    const kept = budget.take(data);
    out[name] += kept;
    if (kept) listener.output(name, kept);
    if (budget.exhausted) kill('output');
  };

  const onMarker = (fields: string[]) => {
    const [name, ...values] = fields;
    switch (state.phase) {
      case 'analysis':
        if (name === 'analysis-end') {
          state = { phase: 'compile' };
          compileFrom = performance.now();
        }
        return;
      case 'compile':
        // Before "compiled" only the runner and the toolchain have run: trusted, once.
        if (name === 'analysis-start' && input.analyze) state = { phase: 'analysis' };
        else if (name === 'compiled') {
          observed.compileStatus = Number(values[0]);
          const now = performance.now();
          compile.timeMs = Math.round(now - compileFrom);
          compile.memoryKb = kilobytes(values[1]);
          state = { phase: 'run', startedAt: now };
          // A test job's cases are timed by the runner, one by one (the deadline set
          // at the start covers them all).
          if (!cases) killAfter(runTimeMs);
        }
        return;
      case 'run':
        // Nothing the program could say moves the run or its timers; "exited" only
        // reports how it ended, and a later one replaces an earlier one.
        if (name === 'exited') {
          reported = {
            at: performance.now(),
            status: Number(values[0]),
            peakBytes: values[1] ? Number(values[1]) : null,
            oomKills: Number(values[2] ?? 0),
            runKb: kilobytes(values[3]),
          };
        }
        return;
      case 'done':
        return;
      default: {
        const unknown: never = state;
        throw new Error(`unknown phase ${JSON.stringify(unknown)}`);
      }
    }
  };
  const routeStderr = (data: string) => {
    switch (state.phase) {
      case 'analysis':
        out.analysis += data.slice(0, MAX_ANALYSIS_CHARS - out.analysis.length);
        return;
      case 'compile':
        return emit('compile', data);
      case 'run':
        // A test job's program output comes framed per case; the runner's own stderr is
        // nobody's output.
        return cases ? undefined : emit('stderr', data);
      case 'done':
        return; // after the kill: nothing more is the program's output
      default: {
        const unknown: never = state;
        throw new Error(`unknown phase ${JSON.stringify(unknown)}`);
      }
    }
  };

  const endCase = (frame: Buffer) => {
    if (!cases || failure) return;
    try {
      cases.end(frame);
    } catch (error) {
      failure = error as Error;
      container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    }
  };

  const splitter = new MarkerSplitter(nonce);
  const demux = new DockerDemuxer();
  // The runner's stdout carries only the program's output, both streams in the order
  // the program wrote them, framed the way Docker frames (runner.pl). Docker copies the
  // container's stdout and stderr independently, so that output may arrive before the
  // "compiled" marker on stderr: it is never phase-routed.
  const program = new DockerDemuxer();
  const programDecoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const runnerStderr = new TextDecoder();
  stream.on('data', (chunk: Buffer) => {
    for (const frame of demux.push(chunk)) {
      if (frame.stream === 'stdout') {
        for (const output of program.push(frame.data)) {
          if (output.stream === 'case') endCase(output.data);
          else if (cases) cases.output(output.stream, output.data);
          else emit(output.stream, programDecoders[output.stream].decode(output.data, { stream: true }));
        }
        continue;
      }
      if (frame.stream === 'case') continue; // Docker's own framing has no such stream
      for (const piece of splitter.feed(runnerStderr.decode(frame.data, { stream: true }))) {
        if (piece.kind === 'marker') onMarker(piece.fields);
        else routeStderr(piece.data);
      }
    }
  });
  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', resolve);
  });

  try {
    if (limits.memoryMb !== sandbox.memoryMb) {
      const memory = limits.memoryMb * 1024 * 1024;
      await container.update({ Memory: memory, MemorySwap: memory });
    }
    // Compile (and analysis) get their own budget; the whole job never gets more than
    // that plus the run's limit (a test job: its cases' limits and some slack for the
    // runner between them), whatever the sandbox prints.
    const compiling = setTimeout(() => {
      if (state.phase === 'analysis' || state.phase === 'compile') kill('time');
    }, COMPILE_BUDGET_MS);
    timers.push(compiling);
    killAfter(COMPILE_BUDGET_MS + (input.cases ? testRunBudgetMs(input.cases) : runTimeMs));
    const payload = await buildPayload(
      {
        nonce,
        entry: input.entry,
        analyze: input.analyze,
        memoryMb: limits.memoryMb,
        caseOutputBytes: cases ? caseOutputBytes : 0,
      },
      input.files,
      input.cases ? { cases: input.cases } : { stdin: input.stdin },
    );
    // Write, then half-close: the program sees EOF on its stdin (StdinOnce). An
    // interactive run's stdin stays open for what people type, until their EOF.
    compileFrom = performance.now();
    if (input.live) {
      stream.write(payload);
      input.live.attach({
        write: (data) => {
          if (stream.writable) stream.write(data);
        },
        end: () => stream.end(),
        stop: () => kill('stopped'),
        dropped: (reason) => {
          if (state.phase === 'done') return;
          emit('stderr', `\n[${reason}: the run was stopped]\n`);
          kill('dropped');
        },
      });
    } else {
      stream.end(payload);
    }
    const exited = container.wait() as Promise<{ StatusCode: number }>;
    // The output ends when the container's processes are gone. Waiting for the
    // container itself to be torn down would add ~20 ms to every run.
    await Promise.race([ended, exited.then(() => new Promise((r) => setTimeout(r, 1000)))]);
    if (failure) throw failure;
    for (const piece of splitter.flush()) if (piece.kind === 'text') routeStderr(piece.data);
    // A program's output that ends part-way through a UTF-8 sequence ends in U+FFFD,
    // not silently short (the decoders hold an incomplete sequence until told it ended).
    for (const name of ['stdout', 'stderr'] as const) {
      const rest = programDecoders[name].decode();
      if (rest) emit(name, rest);
    }
    if (reported) {
      observed.exitStatus = reported.status;
      observed.oomKilled = reported.oomKills > 0;
      exited.catch(() => undefined); // settled by the removal below; nothing to learn from it
    } else {
      // The runner did not report (killed, or died under the program): ask Docker.
      observed.containerExit = (await exited).StatusCode;
      observed.oomKilled = Boolean((await container.inspect()).State.OOMKilled);
    }
  } finally {
    for (const timer of timers) clearTimeout(timer);
    finish(reported?.at);
    removeInBackground(container);
  }

  const done = finish();
  return {
    ...observed,
    verdict: verdictFor(observed),
    ...splitStatus(observed.exitStatus),
    stdout: out.stdout,
    stderr: out.stderr,
    compileOutput: out.compile,
    analysisOutput: out.analysis,
    timeMs: done.startedAt === null ? null : Math.round(done.endedAt - done.startedAt),
    // The program's own peak (the runner's wait4); the container's cgroup peak, which
    // also counts the compiler and the runner, only when the runner could not tell.
    memoryKb: reported?.runKb ?? (reported?.peakBytes == null ? null : Math.round(reported.peakBytes / 1024)),
    compileTimeMs: compile.timeMs,
    compileMemoryKb: compile.memoryKb,
    truncated: budget.exhausted,
  };
}

/** A test job's cases' time limits together, and the runner's slack between them. */
export function testRunBudgetMs(cases: SandboxCase[]): number {
  return cases.reduce((sum, c) => sum + c.timeMs, 0) + TEST_JOB_SLACK_MS;
}

/** A marker's KiB field: a positive integer, else unknown. */
function kilobytes(field: string | undefined): number | null {
  const value = Number(field);
  return field && Number.isInteger(value) && value > 0 ? value : null;
}
