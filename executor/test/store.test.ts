/**
 * The store owns job state: queued → running → finished, each job finished once.
 * Kept results are bounded by count and by bytes, oldest finished first.
 */
import { describe, expect, it } from 'vitest';
import type { JobRequest } from '../src/api';
import { emptyResult, JobStore } from '../src/jobs/store';
import { MAX_KEPT_RESULT_BYTES } from '../src/limits';

const request: JobRequest = { language: 'python', files: [{ path: 'main.py', content: 'print(1)' }] };

describe('JobStore', () => {
  it('moves a job from queued to running to finished, and finishes it only once', async () => {
    const store = new JobStore();
    const job = store.create('j', { ...request, requestId: 'r1' });
    expect(Object.isFrozen(job)).toBe(true);
    expect(store.result('j')).toMatchObject({ id: 'j', requestId: 'r1', status: 'queued', verdict: null });
    store.start('j');
    expect(store.result('j')?.status).toBe('running');
    const result = { ...emptyResult('j', 'r1'), status: 'finished' as const, verdict: 'ok' as const, stdout: '1\n' };
    store.finish('j', result);
    store.finish('j', { ...result, stdout: 'a redelivery must not overwrite this' });
    expect(await store.done('j')).toEqual(result);
    expect(store.result('j')).toEqual(result);
    store.start('j'); // a late start cannot take a finished job back
    expect(store.result('j')?.status).toBe('finished');
  });

  it('forgets a job its queue refused, but never one that was accepted', () => {
    const store = new JobStore();
    store.create('refused', request);
    store.discard('refused');
    expect(store.has('refused')).toBe(false);
    store.create('running', request);
    store.start('running');
    store.discard('running');
    expect(store.has('running')).toBe(true);
  });

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
