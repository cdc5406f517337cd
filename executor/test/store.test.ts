/**
 * Kept results are bounded by count and by bytes, oldest finished first.
 */
import { describe, expect, it } from 'vitest';
import type { JobRequest } from '../src/api';
import { emptyResult, JobStore } from '../src/jobs/store';
import { MAX_KEPT_RESULT_BYTES } from '../src/limits';

const request: JobRequest = { language: 'python', files: [{ path: 'main.py', content: 'print(1)' }] };

describe('JobStore', () => {
  it('drops the oldest finished jobs once their output passes the byte bound', () => {
    const store = new JobStore();
    const big = 'x'.repeat(64 * 1024 * 1024);
    const ids = Array.from({ length: 6 }, (_, i) => `job-${i}`);
    for (const id of ids) {
      store.create(id, request);
      store.finish(id, { ...emptyResult(id, null), status: 'finished', verdict: 'ok', stdout: big });
    }
    expect(store.stats().bytes).toBeLessThanOrEqual(MAX_KEPT_RESULT_BYTES);
    expect(store.has('job-0')).toBe(false);
    expect(store.has('job-5')).toBe(true);
  });

  it('never drops a job that is still running', () => {
    const store = new JobStore();
    store.create('running', request);
    const big = 'x'.repeat(200 * 1024 * 1024);
    for (const id of ['a', 'b']) {
      store.create(id, request);
      store.finish(id, { ...emptyResult(id, null), status: 'finished', stdout: big });
    }
    expect(store.has('running')).toBe(true);
  });
});
