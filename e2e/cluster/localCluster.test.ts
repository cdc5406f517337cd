/**
 * The executor fleet on one machine: an SQS emulator (fauxqs), one API node and three
 * worker nodes, each a real executor process with its own Docker sandboxes, and rooms
 * folding the events with the room's own run machine (room.ts). A worker node is
 * killed with -9 in the middle of a job, another is drained with SIGTERM; every job
 * still reaches its room exactly once and nothing is left in Docker.
 */
import { execFileSync } from 'node:child_process';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_LABEL } from '../../executor/src/sandbox/container';
import { freePort } from '../../scripts/lib/processes.mjs';
import { until } from '../../testing/until';
import { outputOf } from '../../worker/src/runs/run';
import { type ExecutorNode, holdsJob, runningOn, startNode } from './nodes';
import { broadcastTypes, type Rooms, startRooms } from './room';

const SECRET = 'cluster-secret-0123456789abcdef0123456789abcdef';
const VISIBILITY_S = 5;
const ROOMS = 6;
const JOBS_PER_ROOM = 10;
/** Each node its own owner: executors with one owner remove each other's sandboxes. */
const OWNER = `${process.env.EXECUTOR_OWNER ?? 'cluster-test'}-${process.pid}`;

const quick = (n: number) => `print("job ${n}")\n`;
const sleeper = (seconds: number, word: string) => `import time\ntime.sleep(${seconds})\nprint("${word}")\n`;

let sqs: FauxqsServer;
let rooms: Rooms;
let api: ExecutorNode;
const workers: ExecutorNode[] = [];
let nodeEnv: (role: 'api' | 'worker', owner: string) => Record<string, string>;

/** A port for each node: CODESYNC_CLUSTER_PORT + i when set (a developer's own range), else a free one. */
const portFor = async (i: number) =>
  process.env.CODESYNC_CLUSTER_PORT ? Number(process.env.CODESYNC_CLUSTER_PORT) + i : await freePort();

const finishedOnce = (runId: string) => {
  const tracked = rooms.runs.get(runId);
  return tracked !== undefined && broadcastTypes(tracked).includes('finished');
};
const stdoutOf = (runId: string) => {
  const run = rooms.runs.get(runId)?.record.run;
  return run
    ? outputOf(run)
        .map((o) => o.data)
        .join('')
    : '';
};
const ownedContainers = () =>
  execFileSync('docker', ['ps', '-a', '--filter', `label=${OWNER_LABEL}`, '--format', '{{.Label "codesync.owner"}}'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((owner) => owner.startsWith(OWNER));

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  sqs = await startFauxqs({ port: await portFor(0), host: '127.0.0.1', logger: false });
  const dlq = sqs.createQueue('jobs-dlq.fifo', { attributes: { FifoQueue: 'true' } });
  const queueUrl = sqs.createQueue('jobs.fifo', {
    attributes: {
      FifoQueue: 'true',
      VisibilityTimeout: String(VISIBILITY_S),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: 3 }),
    },
  }).queueUrl;
  rooms = await startRooms(SECRET);
  nodeEnv = (role, owner) => ({
    EXECUTOR_SECRET: SECRET,
    EXECUTOR_QUEUE: 'sqs',
    EXECUTOR_ROLE: role,
    EXECUTOR_OWNER: owner,
    // No pre-started sandboxes: three nodes would hold one per language each, on 2 shared cores.
    EXECUTOR_POOL_SIZE: '0',
    EXECUTOR_CONCURRENCY: '2',
    EXECUTOR_CALLBACK_ORIGINS: rooms.origin,
    SQS_QUEUE_URL: queueUrl,
    SQS_ENDPOINT: sqs.address,
    SQS_VISIBILITY_TIMEOUT_S: String(VISIBILITY_S),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  api = await startNode('api', await portFor(1), nodeEnv('api', `${OWNER}-api`));
  for (let i = 1; i <= 3; i++) {
    workers.push(await startNode(`worker-${i}`, await portFor(1 + i), nodeEnv('worker', `${OWNER}-${i}`)));
  }
}, 240_000);

afterAll(async () => {
  for (const node of [api, ...workers]) node?.signal('SIGKILL');
  await rooms?.close();
  await sqs?.stop();
}, 60_000);

describe('local cluster: SQS, one API node, three worker nodes', () => {
  it('[DEP1][DEP2] 60 jobs from six rooms with a worker node killed -9 mid-job: each reaches its room once, the lost job is redelivered', async () => {
    // The victim: a job that sleeps, so its node is surely mid-job when it dies.
    const victimJob = await rooms.run('room-victim', 'victim', sleeper(4, 'slept'), api.url);
    await until(() => broadcastTypes(rooms.runs.get('victim')).includes('started'), 'the victim job to start', 30_000);
    const victimNode = await until(async () => {
      for (const node of workers) if ((await runningOn(node)) > 0) return node;
    }, 'the node running the victim job');

    const runIds: string[] = [];
    const submitted = [];
    for (let n = 0; n < ROOMS * JOBS_PER_ROOM; n++) {
      const runId = `run-${n}`;
      runIds.push(runId);
      submitted.push(rooms.run(`room-${n % ROOMS}`, runId, quick(n), api.url));
    }
    await Promise.all(submitted);

    // The precondition, not a timing: the victim had not finished when its node died.
    expect(finishedOnce('victim')).toBe(false);
    victimNode.signal('SIGKILL');
    expect(await victimNode.exited()).toBe('SIGKILL');
    // What it dies with stays in Docker: no process of its own is left to remove it.
    expect(ownedContainers().filter((o) => o === victimNode.owner).length).toBeGreaterThan(0);

    await until(
      () => [...runIds, 'victim'].every(finishedOnce),
      () => `every job to finish; not yet: ${[...runIds, 'victim'].filter((id) => !finishedOnce(id)).join(', ')}`,
      240_000,
    );
    for (const [runId, tracked] of rooms.runs) {
      const types = broadcastTypes(tracked);
      expect(
        types.filter((t) => t === 'started'),
        runId,
      ).toHaveLength(1);
      expect(
        types.filter((t) => t === 'finished'),
        runId,
      ).toHaveLength(1);
      const run = tracked.record.run;
      expect(run.state === 'finished' && run.verdict, runId).toBe('ok');
      expect(stdoutOf(runId), runId).toBe(runId === 'victim' ? 'slept\n' : `job ${runId.slice(4)}\n`);
    }
    // Redelivered, not lost: a surviving node ran the victim again after the visibility
    // timeout, so its `started` reached the room twice (seq 0 both times) and was broadcast once.
    const survivors = workers.filter((node) => node !== victimNode);
    const ranBy = [];
    for (const node of survivors) if (await holdsJob(node, SECRET, victimJob)) ranBy.push(node.name);
    expect(ranBy).toHaveLength(1);
    const victimStarts = rooms.runs.get('victim')?.delivered.filter((e) => e.type === 'started') ?? [];
    expect(victimStarts.map((e) => e.seq)).toEqual([0, 0]);

    // systemd restarts a crashed node (Restart=always); with its owner it removes what the dead one left in Docker.
    const index = workers.indexOf(victimNode);
    workers[index] = await startNode(victimNode.name, Number(new URL(victimNode.url).port), {
      ...nodeEnv('worker', victimNode.owner),
    });
    expect(ownedContainers().filter((o) => o === victimNode.owner)).toEqual([]);
  }, 300_000);

  it('[DEP3] a worker node drained with SIGTERM finishes its running job, takes no new one, exits 0; no job is lost', async () => {
    await rooms.run('room-drain', 'drain', sleeper(3, 'drained'), api.url);
    await until(() => broadcastTypes(rooms.runs.get('drain')).includes('started'), 'the drain job to start', 30_000);
    const node = await until(async () => {
      for (const n of workers) if ((await runningOn(n)) > 0) return n;
    }, 'the node running the drain job');
    node.signal('SIGTERM');
    const later: string[] = [];
    for (let n = 0; n < 12; n++) {
      later.push(`later-${n}`);
      await rooms.run(`room-${n % ROOMS}`, `later-${n}`, quick(100 + n), api.url);
    }
    expect(await node.exited()).toBe(0);
    const tracked = rooms.runs.get('drain');
    const run = tracked?.record.run;
    expect(run?.state === 'finished' && run.verdict).toBe('ok');
    expect(stdoutOf('drain')).toBe('drained\n');
    // It ran once, on the drained node: never handed to another one.
    expect(tracked?.delivered.filter((e) => e.type === 'started')).toHaveLength(1);
    await until(
      () => later.every(finishedOnce),
      () => `the jobs sent during the drain to finish elsewhere; not yet: ${later.filter((id) => !finishedOnce(id))}`,
      120_000,
    );
    expect(ownedContainers().filter((o) => o === node.owner)).toEqual([]);
  }, 240_000);

  it('[DEP4] nothing is left in Docker once the nodes are drained', async () => {
    for (const node of [api, ...workers]) node.signal('SIGTERM');
    for (const node of [api, ...workers]) expect(await node.exited(), node.name).toBe(0);
    expect(ownedContainers()).toEqual([]);
  }, 120_000);
});
