/**
 * Runs one job end to end: a sandbox from the pool, the run, the result, the events.
 * Whatever fails, the job finishes with a result and its sandbox is removed.
 */
import type { JobResult } from '../api';
import type { Config } from '../config';
import { LANGUAGES } from '../languages';
import type { Metrics } from '../metrics';
import { parseDiagnostics } from '../sandbox/analysis';
import { runInSandbox } from '../sandbox/container';
import type { SandboxPool } from '../sandbox/pool';
import { EventSender } from './callback';
import type { JobRecord } from './store';

export class JobExecutor {
  constructor(
    private readonly pool: SandboxPool,
    private readonly config: Config,
    private readonly metrics: Metrics,
  ) {}

  async execute(record: JobRecord): Promise<JobResult> {
    const { request } = record;
    const { id } = record;
    const requestId = request.requestId ?? null;
    const limits = { ...this.config.defaults, ...request.limits };
    const sender = request.callbackUrl ? new EventSender(request.callbackUrl, this.config.secret, id, requestId) : null;
    record.result = { ...record.result, status: 'running' };
    sender?.push({ type: 'started' });

    let result: JobResult;
    try {
      const sandbox = await this.pool.take(request.language);
      this.metrics.poolHits.set(this.pool.hits);
      this.metrics.poolMisses.set(this.pool.misses);
      const outcome = await runInSandbox(
        sandbox,
        {
          files: request.files,
          entry: request.entry ?? LANGUAGES[request.language].entry,
          stdin: request.stdin ?? '',
          analyze: request.analyze ?? false,
          limits,
        },
        (stream, data) => sender?.push({ type: 'output', stream, data }),
      );
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
        truncated: outcome.truncated,
        ...(request.analyze ? { analysis: parseDiagnostics(request.language, outcome.analysisOutput) } : {}),
      };
      if (outcome.timeMs !== null)
        this.metrics.runSeconds.observe({ language: request.language }, outcome.timeMs / 1000);
    } catch (error) {
      console.error('job failed inside the executor', { jobId: id, error: (error as Error).message });
      result = {
        ...record.result,
        status: 'finished',
        verdict: 'internal_error',
        stderr: 'The executor could not run this job. Try again; if it keeps failing, tell the operator.',
      };
    }
    this.pool.replenish(request.language);
    this.metrics.jobs.inc({ language: request.language, verdict: result.verdict ?? 'internal_error' });
    sender?.push({ type: 'finished', result });
    if (result.analysis) sender?.push({ type: 'analysis', diagnostics: result.analysis });
    record.resolve(result);
    await sender?.drain();
    return result;
  }
}
