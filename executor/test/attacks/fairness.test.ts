/**
 * Adversarial suite, issue #10 hole 7 (executor): one room cannot occupy the whole
 * executor. A job's tenant is its requestId up to ":" (the worker sends
 * "<roomId>:<runId>"); each tenant holds at most MAX_JOBS_PER_TENANT queued or running.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JOBS_PER_TENANT } from '../../src/limits';
import { signedJob, useApp } from '../helper';

const sleeper = (requestId: string) => ({
  language: 'python',
  files: [{ path: 'main.py', content: 'import time\ntime.sleep(1.5)\n' }],
  requestId,
});

describe('per-room fairness (hole 7)', () => {
  const app = useApp({ EXECUTOR_CONCURRENCY: '4', EXECUTOR_MAX_QUEUE: '32' });
  it(`[SEC-ABUSE5] hole 7: a room's job past ${MAX_JOBS_PER_TENANT} at once is refused; other rooms still get in`, async () => {
    const mine = [];
    for (let i = 0; i <= MAX_JOBS_PER_TENANT; i++) mine.push(await signedJob(app(), sleeper(`room-a:run-${i}`), ''));
    expect(mine.slice(0, MAX_JOBS_PER_TENANT).map((r) => r.statusCode)).toEqual(Array(MAX_JOBS_PER_TENANT).fill(202));
    const refused = mine.at(-1);
    expect(refused?.statusCode).toBe(503);
    expect(refused?.json().error.message).toMatch(/this room/i);
    expect((await signedJob(app(), sleeper('room-b:run-0'), '')).statusCode).toBe(202);
  });
});
