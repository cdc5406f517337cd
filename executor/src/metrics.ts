/**
 * Prometheus metrics, one registry per app instance. What each figure means and how to
 * scrape it: docs/OPERATIONS.md.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly jobs = new Counter({
    name: 'codesync_jobs_total',
    help: 'Finished jobs by language and verdict.',
    labelNames: ['language', 'verdict'] as const,
    registers: [this.registry],
  });
  readonly runSeconds = new Histogram({
    name: 'codesync_job_run_seconds',
    help: 'Wall time of the run step (after compile), by language.',
    labelNames: ['language'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly queueWaitSeconds = new Histogram({
    name: 'codesync_job_queue_wait_seconds',
    help: 'Time from a job being accepted to its start (waiting for a slot), by language.',
    labelNames: ['language'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly jobSeconds = new Histogram({
    name: 'codesync_job_latency_seconds',
    help: 'Time from a job being accepted to its verdict (wait, sandbox, compile and run), by language.',
    labelNames: ['language'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly sandboxesReady = new Gauge({
    name: 'codesync_sandboxes_ready',
    help: 'Pre-started sandboxes waiting for a job, by language (read at scrape).',
    labelNames: ['language'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'codesync_queue_depth',
    help: 'Jobs waiting to run.',
    registers: [this.registry],
  });
  readonly running = new Gauge({
    name: 'codesync_jobs_running',
    help: 'Jobs running now.',
    registers: [this.registry],
  });
  readonly poolHits = new Gauge({
    name: 'codesync_pool_hits_total',
    help: 'Jobs that found a pre-started sandbox.',
    registers: [this.registry],
  });
  readonly poolMisses = new Gauge({
    name: 'codesync_pool_misses_total',
    help: 'Jobs that had to start a sandbox.',
    registers: [this.registry],
  });
}
