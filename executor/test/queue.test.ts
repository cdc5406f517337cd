/**
 * Queues: the in-process one refuses past its bound; cluster mode over SQS (the fauxqs
 * emulator) runs each job once, keeps long jobs invisible, and dead-letters poison.
 */
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../src/api';
import { buildApp } from '../src/app';
import { JobExecutor } from '../src/jobs/execute';
import { type Job, JobStore } from '../src/jobs/store';
import { Metrics } from '../src/metrics';
import { MemoryQueue } from '../src/queue/memory';
import { terminalsFullMessage } from '../src/queue/queue';
import { SECRET, signedJob, testConfig, useApp } from './helper';
import { type Receiver, startReceiver, waitFor } from './receiver';

const sleepJob = (seconds: number, callbackUrl?: string) => ({
  language: 'python',
  files: [{ path: 'main.py', content: `import time\ntime.sleep(${seconds})\nprint("slept")\n` }],
  limits: { timeMs: 10_000 },
  ...(callbackUrl ? { callbackUrl } : {}),
});

describe('in-process queue', () => {
  const app = useApp({ EXECUTOR_CONCURRENCY: '1', EXECUTOR_MAX_QUEUE: '1' });

  it('[EXEC12] answers 503 with Retry-After once the queue is full', async () => {
    expect((await signedJob(app(), sleepJob(2), '')).statusCode).toBe(202); // runs
    expect((await signedJob(app(), sleepJob(0), '')).statusCode).toBe(202); // waits
    const refused = await signedJob(app(), sleepJob(0), '');
    expect(refused.statusCode).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.message).toMatch(/busy; retry in \d+ s/);
  });
});

describe('terminals against runs (in-process queue)', () => {
  /** A job that runs until `release` is called for it; `started` lists the ids that got a slot. */
  function harness(concurrency: number, terminals?: number) {
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const run = (job: Job) =>
      new Promise<void>((resolve) => {
        started.push(job.id);
        releases.set(job.id, resolve);
      });
    const queue =
      terminals === undefined
        ? new MemoryQueue(concurrency, 64, run)
        : new MemoryQueue(concurrency, 64, run, () => {}, terminals);
    const job = (id: string, terminal = false): Job => ({
      id,
      request: {
        language: 'python',
        files: [{ path: 'main.py', content: '' }],
        requestId: `room-${id}:${id}`,
        ...(terminal ? { terminal: true, callbackUrl: 'http://room.test/x' } : {}),
      } as Job['request'],
    });
    const release = async (id: string) => {
      releases.get(id)?.();
      await new Promise((r) => setTimeout(r, 0));
    };
    return { queue, started, job, release };
  }

  it('[TERM14] terminals never take every slot: past the terminal share one more is refused at once, saying why, and a run still starts', async () => {
    // EXECUTOR_CONCURRENCY=2 (this machine's default): one terminal at a time by default.
    const { queue, started, job, release } = harness(2);
    await queue.submit(job('t1', true));
    await expect(queue.submit(job('t2', true))).rejects.toThrow(
      /allows 1 shared terminal at once \(EXECUTOR_TERMINAL_CONCURRENCY\).*Use Run meanwhile/,
    );
    await queue.submit(job('run1'));
    expect(started).toEqual(['t1', 'run1']);
    // The refused one never held or waited for anything: once the first closes, another opens.
    await release('t1');
    await queue.submit(job('t3', true));
    expect(started).toEqual(['t1', 'run1', 't3']);
    await release('t3');
    await release('run1');
    expect(queue.running()).toBe(0);
  });

  it('[TERM14] with one slot, terminals are off: refused in words, never holding the only slot', async () => {
    const { queue, started, job } = harness(1);
    await expect(queue.submit(job('t1', true))).rejects.toThrow(
      /Shared terminals are off on this code runner \(EXECUTOR_TERMINAL_CONCURRENCY=0\)/,
    );
    expect(started).toEqual([]);
    expect(queue.depth()).toBe(0);
  });

  it('[TERM14] a terminal share set explicitly is kept: waiting terminals count against it too', async () => {
    const { queue, started, job, release } = harness(4, 2);
    await queue.submit(job('r1'));
    await queue.submit(job('r2'));
    await queue.submit(job('r3'));
    await queue.submit(job('t1', true));
    await queue.submit(job('t2', true)); // waits for a slot
    await expect(queue.submit(job('t3', true))).rejects.toThrow(/allows 2 shared terminals/);
    expect(started).toEqual(['r1', 'r2', 'r3', 't1']);
    await release('r1');
    expect(started).toEqual(['r1', 'r2', 'r3', 't1', 't2']);
  });

  it('[TERM14] a node that takes a terminal past its share (cluster mode: off SQS, never refused at the POST) ends it at once, saying why, and frees its slot', async () => {
    const store = new JobStore();
    const executor = new JobExecutor({} as never, store, testConfig({ EXECUTOR_CONCURRENCY: '1' }), new Metrics());
    const job = store.create('t-cluster', {
      language: 'python',
      files: [{ path: 'main.py', content: '' }],
      terminal: true,
    } as Job['request']);
    let freed = 0;
    const result = await executor.execute(job, () => {
      freed += 1;
    });
    // The API node's refusal, code and words: the room shows it as it shows a 429 terminals_full.
    expect(result).toMatchObject({ verdict: 'internal_error', code: 'terminals_full' });
    expect(result.stderr).toBe(terminalsFullMessage(0));
    expect(result.stderr).toMatch(/Shared terminals are off on this code runner \(EXECUTOR_TERMINAL_CONCURRENCY=0\)/);
    expect(freed).toBeGreaterThan(0);
  });
});

describe('place in line (in-process queue)', () => {
  let receiver: Receiver;
  let app: FastifyInstance;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await buildApp(
      testConfig({
        EXECUTOR_CONCURRENCY: '1',
        EXECUTOR_MAX_QUEUE: '4',
        EXECUTOR_CALLBACK_ORIGINS: new URL(receiver.url).origin,
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  }, 60_000);

  it('[EXEC15] a waiting job is told its place when it starts waiting and as it moves up, numbered with its other events', async () => {
    const ids: string[] = [];
    for (const seconds of [1, 0, 0]) ids.push((await signedJob(app, sleepJob(seconds, receiver.url), '')).json().id);
    const [first, second, third] = ids as [string, string, string];
    const eventsOf = (id: string) => receiver.events.filter((e) => e.jobId === id);
    await waitFor(() => eventsOf(third).some((e) => e.type === 'finished'), 'the third job to finish');
    const places = (id: string) => eventsOf(id).flatMap((e) => (e.type === 'queued' ? [e.position] : []));
    expect(places(first)).toEqual([]); // it never waited
    expect(places(second)).toEqual([1]);
    // 2nd, then 1st once the first job (a second's sleep) finished: long after 2nd was delivered.
    expect(places(third)).toEqual([2, 1]);
    const thirdEvents = eventsOf(third);
    expect(thirdEvents.map((e) => e.type).slice(0, 3)).toEqual(['queued', 'queued', 'started']);
    expect(thirdEvents.map((e) => e.seq)).toEqual(thirdEvents.map((_, i) => i));
  });
});

describe('cluster mode over SQS', () => {
  let sqs: FauxqsServer;
  let receiver: Receiver;
  let api: FastifyInstance;
  let worker: FastifyInstance;
  let client: SQSClient;
  let queueUrl: string;
  let dlqUrl: string;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    sqs = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
    const dlq = sqs.createQueue('jobs-dlq.fifo', { attributes: { FifoQueue: 'true' } });
    dlqUrl = dlq.queueUrl;
    queueUrl = sqs.createQueue('jobs.fifo', {
      attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: '5',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: 2 }),
      },
    }).queueUrl;
    client = new SQSClient({ region: 'us-east-1', endpoint: sqs.address });
    receiver = await startReceiver();
    const shared = {
      EXECUTOR_QUEUE: 'sqs',
      SQS_QUEUE_URL: queueUrl,
      SQS_ENDPOINT: sqs.address,
      SQS_VISIBILITY_TIMEOUT_S: '5',
      EXECUTOR_CONCURRENCY: '2',
      EXECUTOR_CALLBACK_ORIGINS: new URL(receiver.url).origin,
    };
    api = await buildApp(testConfig({ ...shared, EXECUTOR_ROLE: 'api', EXECUTOR_POOL_SIZE: '0' }));
    worker = await buildApp(testConfig({ ...shared, EXECUTOR_ROLE: 'worker' }));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    client?.destroy();
    await receiver?.close();
    await sqs?.stop();
  }, 60_000);

  const eventsOf = (id: string) => receiver.events.filter((e) => e.jobId === id);
  const inFlight = async (url: string) => {
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  };

  it('an API node queues the job and a worker node runs it, events to the callback', async () => {
    const res = await signedJob(api, sleepJob(0, receiver.url), '');
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    await waitFor(() => eventsOf(id).some((e) => e.type === 'finished'), 'the job to finish on the worker');
    const finished = eventsOf(id).find((e) => e.type === 'finished');
    expect(finished?.type === 'finished' && finished.result).toMatchObject({ verdict: 'ok', stdout: 'slept\n' });
    await waitFor(() => worker.jobs.has(id), 'the worker to hold the job');
  });

  it('[EXEC16] another API node asked for the job says not_here (not lost); the node that took it knows it', async () => {
    const res = await signedJob(api, sleepJob(0, receiver.url), '');
    const { id } = res.json();
    const other = await buildApp(
      testConfig({
        EXECUTOR_QUEUE: 'sqs',
        SQS_QUEUE_URL: queueUrl,
        SQS_ENDPOINT: sqs.address,
        EXECUTOR_ROLE: 'api',
        EXECUTOR_POOL_SIZE: '0',
        EXECUTOR_CALLBACK_ORIGINS: new URL(receiver.url).origin,
      }),
    );
    try {
      const path = `/v1/jobs/${id}`;
      const ask = async (node: FastifyInstance) =>
        node.inject({
          method: 'GET',
          url: path,
          headers: await signedHeaders(SECRET, 'to-executor', { method: 'GET', path, body: '' }),
        });
      const elsewhere = await ask(other);
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.json().error.code).toBe('not_here');
      expect((await ask(api)).statusCode).toBe(200);
    } finally {
      await other.close();
    }
    await waitFor(() => eventsOf(id).some((e) => e.type === 'finished'), 'the job to finish on the worker');
  }, 120_000);

  it('refuses ?wait=true on an API node, which runs nothing itself', async () => {
    const res = await signedJob(api, sleepJob(0));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('wait');
  });

  it('[EXEC12] a redelivered job that already ran is deleted, not run again', async () => {
    const res = await signedJob(api, sleepJob(0, receiver.url), '');
    const { id } = res.json();
    await waitFor(() => eventsOf(id).some((e) => e.type === 'finished'), 'the first run');
    const request = worker.jobs.get(id)?.request;
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ id, request }),
        MessageGroupId: 'redelivery',
        MessageDeduplicationId: `${id}-again`,
      }),
    );
    const deadline = Date.now() + 20_000;
    while ((await inFlight(queueUrl)) > 0) {
      if (Date.now() > deadline) throw new Error('the duplicate was never consumed');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(eventsOf(id).filter((e) => e.type === 'started')).toHaveLength(1);
  });

  it('[EXEC12] keeps a job longer than the visibility timeout invisible, so it runs once', async () => {
    const res = await signedJob(api, sleepJob(7, receiver.url), '');
    const { id } = res.json();
    await waitFor(() => eventsOf(id).some((e) => e.type === 'finished'), 'the long job', 30_000);
    expect(eventsOf(id).filter((e) => e.type === 'started')).toHaveLength(1);
    const finished = eventsOf(id).find((e) => e.type === 'finished');
    expect(finished?.type === 'finished' && finished.result.verdict).toBe('ok');
  }, 40_000);

  it('[EXEC12] moves a message that is not a job to the dead-letter queue after the receive limit', async () => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'not a job',
        MessageGroupId: 'poison',
        MessageDeduplicationId: 'poison',
      }),
    );
    const deadline = Date.now() + 30_000;
    while ((await inFlight(dlqUrl)) === 0) {
      if (Date.now() > deadline) throw new Error('the poison message never reached the DLQ');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await inFlight(dlqUrl)).toBe(1);
  }, 40_000);
});
