/**
 * Adversarial suite, issue #10 hole 7 in cluster mode (SQS, the fauxqs emulator): one
 * room cannot fill every executor node with its jobs. An API node and a worker node
 * with two slots; room A posts three slow jobs, room B one. Fair means B's job starts
 * before A's second, and A never holds two slots at once.
 */
import type { FastifyInstance } from 'fastify';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/api';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { SECRET, signedJob, testConfig } from '../helper';
import { type Receiver, startReceiver, waitFor } from '../receiver';

const sleeper = (requestId: string, callbackUrl: string) => ({
  language: 'python',
  files: [{ path: 'main.py', content: 'import time\ntime.sleep(1)\nprint("done")\n' }],
  limits: { timeMs: 10_000 },
  requestId,
  callbackUrl,
});

describe('per-room fairness in cluster mode (hole 7)', () => {
  let sqs: FauxqsServer;
  let receiver: Receiver;
  let api: FastifyInstance;
  let worker: FastifyInstance;
  let standardUrl: string;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    sqs = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
    standardUrl = sqs.createQueue('jobs-standard').queueUrl;
    const queueUrl = sqs.createQueue('jobs.fifo', {
      attributes: { FifoQueue: 'true', VisibilityTimeout: '30' },
    }).queueUrl;
    receiver = await startReceiver();
    const shared = {
      EXECUTOR_QUEUE: 'sqs',
      SQS_QUEUE_URL: queueUrl,
      SQS_ENDPOINT: sqs.address,
      SQS_VISIBILITY_TIMEOUT_S: '30',
      EXECUTOR_CONCURRENCY: '2',
      EXECUTOR_CALLBACK_ORIGINS: new URL(receiver.url).origin,
    };
    api = await buildApp(testConfig({ ...shared, EXECUTOR_ROLE: 'api', EXECUTOR_POOL_SIZE: '0' }));
    worker = await buildApp(testConfig({ ...shared, EXECUTOR_ROLE: 'worker', EXECUTOR_POOL_SIZE: '2' }));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await receiver?.close();
    await sqs?.stop();
  }, 60_000);

  it("[SEC-ABUSE6] hole 7: a room's jobs run one at a time across the cluster; another room's job starts before the room's second", async () => {
    const a = [];
    for (let i = 0; i < 3; i++) {
      const res = await signedJob(api, sleeper(`room-a:run-${i}`, receiver.url), '');
      expect(res.statusCode).toBe(202);
      a.push(res.json().id as string);
    }
    const b = await signedJob(api, sleeper('room-b:run-0', receiver.url), '');
    expect(b.statusCode).toBe(202);
    const bId = b.json().id as string;
    const all = [...a, bId];
    await waitFor(
      () => all.every((id) => receiver.events.some((e) => e.jobId === id && e.type === 'finished')),
      'every job to finish',
      60_000,
    );
    const at = (id: string, type: JobEvent['type']) =>
      receiver.events.findIndex((e) => e.jobId === id && e.type === type);
    // B did not wait behind A's queue: it started before A's second job.
    expect(at(bId, 'started')).toBeLessThan(at(a[1] as string, 'started'));
    // A never held two slots: each of its jobs started after the one before finished.
    expect(at(a[1] as string, 'started')).toBeGreaterThan(at(a[0] as string, 'finished'));
    expect(at(a[2] as string, 'started')).toBeGreaterThan(at(a[1] as string, 'finished'));
  }, 90_000);

  it('[SEC-ABUSE6] hole 7: cluster mode refuses a queue that is not FIFO, naming SQS_QUEUE_URL', () => {
    expect(() => loadConfig({ EXECUTOR_SECRET: SECRET, EXECUTOR_QUEUE: 'sqs', SQS_QUEUE_URL: standardUrl })).toThrow(
      /SQS_QUEUE_URL: must name a FIFO queue/,
    );
  });
});
