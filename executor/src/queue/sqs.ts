/**
 * Cluster mode: API nodes send jobs to an SQS queue; worker nodes (the same program,
 * EXECUTOR_ROLE=worker) long-poll it, keep a message invisible while its job runs,
 * and delete it when done. A job id seen before is deleted without running again;
 * a message that keeps failing is moved to the dead-letter queue by SQS's redrive
 * policy after SQS_MAX_RECEIVES receives.
 *
 * Per-room fairness (issue #10 hole 7). The in-process queue counts a room's jobs
 * (MAX_JOBS_PER_TENANT), but in a cluster no node sees the others' jobs: a count would
 * need a shared store every API and worker node updates, and a lost update would lock a
 * room out or let it through. SQS can do it by itself: the queue is FIFO and each job
 * goes in its room's message group (tenantOf). SQS hands out no message of a group
 * while another of that group is in flight, across every worker node, so one room
 * holds at most one slot of the whole cluster and its other jobs wait in its own group,
 * never in front of another room's. (Behind the worker, a room also runs one thing at
 * a time and at most RUNS_PER_ROOM_PER_MINUTE; this bounds what gets past that, such
 * as the jobs of runs the room already gave up on, still queued here.)
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandOutput,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { jobRequest } from '../api';
import type { Config } from '../config';
import type { Job, JobStore } from '../jobs/store';
import { type JobQueue, tenantOf } from './queue';

const message = z.object({ id: z.string().uuid(), request: jobRequest });

/** How many finished ids a worker remembers to refuse redeliveries. */
const REMEMBERED_IDS = 50_000;
const POLL_WAIT_S = 2;

export class SqsQueue implements JobQueue {
  readonly #client: SQSClient;
  readonly #url: string;
  readonly #config: Config;
  readonly #jobs: JobStore;
  readonly #run: (job: Job) => Promise<unknown>;
  readonly #seen = new Set<string>();
  readonly #loops: Promise<void>[] = [];
  /** Set by close(): take no new message; one that arrives anyway is handed back (drain.ts). */
  #draining = false;
  #running = 0;
  #depth = 0;

  constructor(config: Config, jobs: JobStore, run: (job: Job) => Promise<unknown>) {
    this.#config = config;
    this.#jobs = jobs;
    this.#run = run;
    this.#url = config.sqs.queueUrl as string;
    this.#client = new SQSClient({
      region: config.sqs.region,
      ...(config.sqs.endpoint ? { endpoint: config.sqs.endpoint } : {}),
    });
    if (config.role !== 'api') {
      for (let i = 0; i < config.concurrency; i++) this.#loops.push(this.#poll());
    }
  }

  async submit(job: Job): Promise<void> {
    const body = JSON.stringify({ id: job.id, request: job.request });
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#url,
        MessageBody: body,
        // A job without a room (a direct API caller) is a group of its own: nothing to be fair between.
        MessageGroupId: tenantOf(job) ?? job.id,
        MessageDeduplicationId: job.id,
      }),
    );
  }

  depth(): number {
    return this.#depth;
  }

  running(): number {
    return this.#running;
  }

  /**
   * Drains: no new receive, running jobs finish and delete their messages. A receive
   * already waiting is let finish (at most POLL_WAIT_S) rather than aborted: aborting
   * it could lose a message SQS had just handed out for a whole visibility timeout.
   */
  async close(): Promise<void> {
    this.#draining = true;
    await Promise.all(this.#loops);
    this.#client.destroy();
  }

  async #poll(): Promise<void> {
    while (!this.#draining) {
      let received: ReceiveMessageCommandOutput;
      try {
        received = await this.#client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.#url,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: POLL_WAIT_S,
            VisibilityTimeout: this.#config.sqs.visibilityTimeoutS,
          }),
        );
      } catch (error) {
        if (this.#draining) return;
        console.error(`SQS receive failed: ${(error as Error).message}; retrying in 1 s`);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (this.#draining) {
        await this.#release(received.Messages ?? []);
        return;
      }
      for (const msg of received.Messages ?? []) await this.#handle(msg.Body ?? '', msg.ReceiptHandle as string);
      void this.#refreshDepth().catch((error: Error) => console.error(`SQS depth unknown: ${error.message}`));
    }
  }

  async #handle(body: string, receipt: string): Promise<void> {
    let parsed: z.infer<typeof message>;
    try {
      parsed = message.parse(JSON.parse(body));
    } catch (error) {
      // Left undeleted on purpose: after SQS_MAX_RECEIVES it lands in the dead-letter queue.
      console.error(`SQS message is not a job (${(error as Error).message.slice(0, 200)}); leaving it for the DLQ`);
      return;
    }
    if (this.#seen.has(parsed.id)) {
      await this.#delete(receipt); // a redelivery of a job this node already ran
      return;
    }
    this.#remember(parsed.id);
    const job = this.#jobs.get(parsed.id) ?? this.#jobs.create(parsed.id, parsed.request);
    const keepInvisible = setInterval(
      () => {
        this.#client
          .send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: this.#url,
              ReceiptHandle: receipt,
              VisibilityTimeout: this.#config.sqs.visibilityTimeoutS,
            }),
          )
          .catch((error: Error) => console.error(`SQS visibility extension failed: ${error.message}`));
      },
      (this.#config.sqs.visibilityTimeoutS * 1000) / 2,
    );
    this.#running += 1;
    try {
      await this.#run(job);
    } finally {
      clearInterval(keepInvisible);
      this.#running -= 1;
    }
    await this.#delete(receipt);
  }

  /** Makes messages this node will not run visible again now, for another node to take. */
  async #release(messages: { ReceiptHandle?: string | undefined }[]): Promise<void> {
    for (const { ReceiptHandle } of messages) {
      await this.#client
        .send(new ChangeMessageVisibilityCommand({ QueueUrl: this.#url, ReceiptHandle, VisibilityTimeout: 0 }))
        .catch((error: Error) => console.error(`SQS release failed (redelivered after its timeout): ${error.message}`));
    }
  }

  async #delete(receipt: string): Promise<void> {
    await this.#client.send(new DeleteMessageCommand({ QueueUrl: this.#url, ReceiptHandle: receipt }));
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > REMEMBERED_IDS) this.#seen.delete(this.#seen.values().next().value as string);
  }

  async #refreshDepth(): Promise<void> {
    const res = await this.#client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.#url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    this.#depth = Number(res.Attributes?.ApproximateNumberOfMessages ?? 0);
  }
}
