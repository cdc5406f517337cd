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
import { parseDiagnostics } from '../sandbox/analysis';
import { judge, unjudged } from '../tests/judge';
import { EventSender } from './callback';
import { emptyResult, type Job, type JobStore } from './store';

export class JobExecutor {
  /** Each job's one sender, from its first event (`queued`) to its last, so `seq` runs on. */
  readonly #senders = new Map<string, EventSender | null>();

  constructor(
    private readonly sandbox: SandboxService,
    private readonly jobs: JobStore,
    private readonly config: Config,
    private readonly metrics: Metrics,
  ) {}

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

  async execute(job: Job): Promise<JobResult> {
    try {
      return await this.#execute(job, this.#senderFor(job));
    } finally {
      this.#senders.delete(job.id);
    }
  }

  async #execute(job: Job, sender: EventSender | null): Promise<JobResult> {
    const { id, request } = job;
    const requestId = request.requestId ?? null;
    const limits = { ...this.config.defaults, ...request.limits };
    this.jobs.start(id);
    sender?.push({ type: 'started' });
    // A test job's cases, judged here as the sandbox reports them, each sent at once.
    const tests = request.tests;
    const judged: JobTestResult[] = [];
    const judgedNow = (test: JobTestResult) => {
      judged.push(test);
      sender?.push({ type: 'test', test });
    };

    let result: JobResult;
    try {
      const outcome = await this.sandbox.run(
        request.language,
        {
          files: request.files,
          entry: request.entry ?? LANGUAGES[request.language].entry,
          stdin: request.stdin ?? '',
          analyze: request.analyze ?? false,
          limits,
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
        ...(request.analyze ? { analysis: parseDiagnostics(request.language, outcome.analysisOutput) } : {}),
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
        stderr: 'The executor could not run this job. Try again; if it keeps failing, tell the operator.',
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
    sender?.push({ type: 'finished', result });
    if (result.analysis) sender?.push({ type: 'analysis', diagnostics: result.analysis });
    this.jobs.finish(id, result);
    await sender?.drain();
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
