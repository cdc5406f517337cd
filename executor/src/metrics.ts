/**
 * Prometheus metrics, one registry per app instance.
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
