/**
 * Runs one job end to end: the sandbox run, the result, the events. Whatever fails,
 * the job finishes with a result (recorded in the store, its owner) and its sandbox
 * is removed.
 */
import type { JobResult, JobTestResult } from '../api';
import { type Config, callbackProblem } from '../config';
import { LANGUAGES } from '../languages';
import type { Metrics } from '../metrics';
import type { SandboxService } from '../plugins/sandbox';
import { terminalsFullMessage } from '../queue/queue';
import type { RunStream } from '../stream/channel';
import { judge, unjudged } from '../tests/judge';
import { analyzeJob } from './analysis';
import { EventSender } from './callback';
import { openRunStream, StreamError } from './interactive';
import { emptyResult, type Job, type JobStore } from './store';
import { runTerminal } from './terminal';

export class JobExecutor {
  /** Each job's one sender, from its first event (`queued`) to its last, so `seq` runs on. */
  readonly #senders = new Map<string, EventSender | null>();
  /** Analyses running now (they run after their job's verdict, outside the queue's slots). */
  #analyses = 0;
  #analysesDone: (() => void)[] = [];
  /** Terminals running on this node (at most config.terminalConcurrency; in cluster mode the only count). */
  #terminals = 0;

  constructor(
    private readonly sandbox: SandboxService,
    private readonly jobs: JobStore,
    private readonly config: Config,
    private readonly metrics: Metrics,
  ) {}

  /** Resolves once no analysis runs: at close, after the queue's jobs, before the pool goes. */
  async settle(): Promise<void> {
    if (this.#analyses === 0) return;
    await new Promise<void>((resolve) => this.#analysesDone.push(resolve));
  }

  /** The job waits for a sandbox, `position` 1 being next (queue/memory.ts). */
  queued(job: Job, position: number): void {
    this.#senderFor(job)?.push({ type: 'queued', position });
  }

  #senderFor(job: Job): EventSender | null {
    let sender = this.#senders.get(job.id);
    if (sender === undefined) {
      const { callbackUrl, requestId } = job.request;
      // Checked again here: in cluster mode the job came off a queue, not through the route.
      const allowed = callbackUrl && !callbackProblem(this.config, callbackUrl) ? callbackUrl : null;
      sender = allowed ? new EventSender(allowed, this.config.secret, job.id, requestId ?? null) : null;
      this.#senders.set(job.id, sender);
    }
    return sender;
  }

  /** Runs the job; `free` is called once its verdict is out (its analysis needs no queue slot). */
  async execute(job: Job, free: () => void = () => {}): Promise<JobResult> {
    try {
      return await this.#execute(job, this.#senderFor(job), free);
    } finally {
      this.#senders.delete(job.id);
    }
  }

  async #execute(job: Job, sender: EventSender | null, free: () => void): Promise<JobResult> {
    const { id, request } = job;
    const requestId = request.requestId ?? null;
    const limits = { ...this.config.defaults, ...request.limits };
    const acceptedAt = this.jobs.acceptedAt(id) ?? Date.now();
    // An interactive job's input comes over its stream, and its events (`started` on) go there too.
    let live: Awaited<ReturnType<typeof openRunStream>> | null = null;
    let streamFailed: unknown = null;
    if (request.interactive || request.terminal) {
      try {
        live = await openRunStream(this.config, job);
        sender?.via(live);
      } catch (error) {
        streamFailed = error;
      }
    }
    this.jobs.start(id);
    this.metrics.queueWaitSeconds.observe({ language: request.language }, (Date.now() - acceptedAt) / 1000);
    sender?.push({ type: 'started' });
    if (request.terminal) return await this.#terminal(job, sender, live, streamFailed, limits.memoryMb, free);
    // A test job's cases, judged here as the sandbox reports them, each sent at once.
    const tests = request.tests;
    const judged: JobTestResult[] = [];
    const judgedNow = (test: JobTestResult) => {
      judged.push(test);
      sender?.push({ type: 'test', test });
    };

    let result: JobResult;
    const program = { files: request.files, entry: request.entry ?? LANGUAGES[request.language].entry, limits };
    try {
      if (streamFailed) throw streamFailed;
      const outcome = await this.sandbox.run(
        request.language,
        {
          ...program,
          stdin: request.stdin ?? '',
          analyze: false, // after the verdict, in a sandbox of its own (jobs/analysis.ts)
          ...(live ? { live } : {}),
          ...(request.packages?.length ? { packages: request.packages } : {}),
          // Only the input and the time of each case go to the sandbox, never `expected`.
          ...(tests ? { cases: tests.map((c) => ({ stdin: c.stdin, timeMs: c.timeMs ?? limits.timeMs })) } : {}),
        },
        {
          output: (stream, data) => sender?.push({ type: 'output', stream, data }),
          testCase: (ran) => {
            const testCase = tests?.[ran.index];
            if (!testCase) throw new Error(`the sandbox reported case ${ran.index}, which was never sent`);
            judgedNow(judge(testCase, ran));
          },
        },
      );
      if (tests) for (const test of unjudged(tests.slice(judged.length), outcome.verdict)) judgedNow(test);
      result = {
        id,
        requestId,
        status: 'finished',
        verdict: outcome.verdict,
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        compileOutput: outcome.compileOutput,
        timeMs: outcome.timeMs,
        memoryKb: outcome.memoryKb,
        compileTimeMs: outcome.compileTimeMs,
        compileMemoryKb: outcome.compileMemoryKb,
        truncated: outcome.truncated,
        // A test job's program output is its cases' own; its figures are theirs together.
        ...(tests
          ? {
              stdout: '',
              stderr: '',
              timeMs: sumOf(judged.map((t) => t.timeMs)),
              memoryKb: maxOf(judged.map((t) => t.memoryKb)),
              tests: judged,
            }
          : {}),
      };
      if (outcome.timeMs !== null)
        this.metrics.runSeconds.observe({ language: request.language }, outcome.timeMs / 1000);
    } catch (error) {
      console.error('job failed inside the executor', { jobId: id, error: (error as Error).message });
      result = {
        ...emptyResult(id, requestId),
        status: 'finished',
        verdict: 'internal_error',
        stderr:
          error instanceof StreamError
            ? error.message
            : 'The executor could not run this job. Try again; if it keeps failing, tell the operator.',
      };
      if (tests) {
        for (const test of unjudged(tests.slice(judged.length), 'internal_error')) judgedNow(test);
        result.tests = judged;
      }
    }
    const { hits, misses } = this.sandbox.stats();
    this.metrics.poolHits.set(hits);
    this.metrics.poolMisses.set(misses);
    this.metrics.jobs.inc({ language: request.language, verdict: result.verdict ?? 'internal_error' });
    this.metrics.jobSeconds.observe({ language: request.language }, (Date.now() - acceptedAt) / 1000);
    sender?.push({ type: 'finished', result });
    // The verdict is out: the next run (this room's too) may start while the analysis runs.
    // Analyses are best effort and bounded on their own (as many at once as the queue has
    // slots): past that one is skipped rather than queued, so they never hold runs back.
    free();
    if (request.analyze && result.verdict !== 'internal_error' && this.#analyses < this.config.concurrency) {
      this.#analyses += 1;
      try {
        const analysis = await analyzeJob(this.sandbox, request.language, program);
        result = { ...result, analysis };
        sender?.push({ type: 'analysis', diagnostics: analysis });
      } catch (error) {
        // The verdict stands; the room shows the run without diagnostics.
        console.error('analysis failed inside the executor', { jobId: id, error: (error as Error).message });
      } finally {
        this.#analyses -= 1;
        if (this.#analyses === 0) for (const resolve of this.#analysesDone.splice(0)) resolve();
      }
    }
    this.jobs.finish(id, result);
    await sender?.drain();
    live?.close();
    return result;
  }

  /**
   * A terminal job (jobs/terminal.ts): it holds its queue slot for its whole life, so a
   * terminal counts against the executor's concurrency like a run (SPEC TERM3), and at
   * most config.terminalConcurrency run at once (TERM14: the in-process queue refuses one
   * more at its POST; a cluster node that takes one more off SQS ends it here with that
   * refusal's code and words, `terminals_full`. Not put back on the queue for another node:
   * in its room's FIFO message group it would come back to the first free receiver, likely
   * this same full node, each receive counting towards the redrive to the dead-letter
   * queue, where it would end with no word to the room; and it would hold that room's
   * group meanwhile).
   * Its verdict is `ok` with why it ended as stderr, or `internal_error` when it never opened.
   * The slot is freed before the room is told it ended, so a terminal opened right after
   * finds it free.
   */
  async #terminal(
    job: Job,
    sender: EventSender | null,
    live: RunStream | null,
    streamFailed: unknown,
    memoryMb: number,
    free: () => void,
  ): Promise<JobResult> {
    const base = { ...emptyResult(job.id, job.request.requestId ?? null), status: 'finished' as const };
    let result: JobResult;
    const counted = this.#terminals < this.config.terminalConcurrency;
    if (counted) this.#terminals += 1;
    try {
      if (!counted) {
        // The API node's 429 terminals_full, code and words, for the room to show as it shows that one.
        const stderr = terminalsFullMessage(this.config.terminalConcurrency);
        result = { ...base, verdict: 'internal_error', code: 'terminals_full', stderr };
      } else {
        if (streamFailed || !live) throw streamFailed ?? new StreamError('This terminal has no stream to its room.');
        const why = await runTerminal(this.sandbox, job, live, { ...this.config.terminal, memoryMb });
        result = { ...base, verdict: 'ok', stderr: why };
      }
    } catch (error) {
      console.error('terminal failed inside the executor', { jobId: job.id, error: (error as Error).message });
      const stderr = error instanceof StreamError ? error.message : 'The executor could not open this terminal.';
      result = { ...base, verdict: 'internal_error', stderr };
    } finally {
      if (counted) this.#terminals -= 1;
      free();
    }
    this.metrics.jobs.inc({ language: job.request.language, verdict: result.verdict ?? 'internal_error' });
    sender?.push({ type: 'finished', result });
    this.jobs.finish(job.id, result);
    await sender?.drain();
    live?.close();
    return result;
  }
}

/** Figures of the cases that ran (null when none did). */
const known = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
function sumOf(values: (number | null)[]): number | null {
  const k = known(values);
  return k.length ? k.reduce((a, b) => a + b, 0) : null;
}
function maxOf(values: (number | null)[]): number | null {
  const k = known(values);
  return k.length ? Math.max(...k) : null;
}
