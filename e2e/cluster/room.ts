/**
 * The rooms' side of the local cluster: a real HTTP server taking the executor's signed
 * events, each run folded by the room's own run machine (worker/src/runs/machine.ts, the
 * code the Durable Object runs), so "what reaches the room" is what the room would
 * broadcast to its participants, not a count of HTTP requests.
 */
import { createServer, type Server } from 'node:http';
import {
  type JobEvent,
  type JobRequest,
  jobEvent,
  SIGNATURE_HEADER,
  signedHeaders,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../executor/src/api';
import { RUN_LIMIT_DEFAULTS } from '../../worker/src/limits';
import { type RunEffect, type RunUpdate, step } from '../../worker/src/runs/machine';
import type { RunRecord } from '../../worker/src/runs/record';

interface Tracked {
  roomId: string;
  record: RunRecord;
  /** Every event delivered, duplicates included, in arrival order. */
  delivered: JobEvent[];
  /** What the room broadcast for this run, in order. */
  broadcasts: RunUpdate[];
}

export interface Rooms {
  origin: string;
  /** Starts a run in `roomId` as the room would and posts its job to `executorUrl`. */
  run(roomId: string, runId: string, code: string, executorUrl: string): Promise<string>;
  runs: Map<string, Tracked>;
  close(): Promise<void>;
}

export async function startRooms(secret: string): Promise<Rooms> {
  const runs = new Map<string, Tracked>();
  const apply = (tracked: Tracked, effects: RunEffect[]) => {
    for (const effect of effects) {
      if (effect.kind === 'persist') tracked.record = effect.record;
      if (effect.kind === 'broadcast') tracked.broadcasts.push(effect.message);
    }
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      const check = await verifySignature(
        secret,
        'to-worker',
        { method: req.method ?? '', path: req.url ?? '', body },
        req.headers[TIMESTAMP_HEADER] as string,
        req.headers[SIGNATURE_HEADER] as string,
      );
      const runId = /^\/internal\/runs\/([^/]+)\/events$/.exec(req.url ?? '')?.[1];
      const tracked = runId ? runs.get(runId) : undefined;
      if (!check.ok || !tracked) {
        res.writeHead(check.ok ? 404 : 401).end();
        return;
      }
      const event = jobEvent.parse(JSON.parse(body));
      tracked.delivered.push(event);
      apply(tracked, step(tracked.record, { kind: 'event', now: Date.now(), event }).effects);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const run = async (roomId: string, runId: string, code: string, executorUrl: string) => {
    const started = step(null, {
      kind: 'start',
      now: Date.now(),
      request: { runId, by: { name: 'Cara', role: 'candidate' } },
      context: {
        roomId,
        roomActive: true,
        language: 'python',
        files: [{ path: 'main.py', content: code }],
        entry: 'main.py',
        callbackBase: origin,
        openRuns: 0,
        startsInLastMinute: 0,
        limits: RUN_LIMIT_DEFAULTS,
      },
    });
    const post = started.effects.find((e) => e.kind === 'post');
    if (!post || !started.record) throw new Error(`the room refused run ${runId}: ${JSON.stringify(started.effects)}`);
    const tracked: Tracked = { roomId, record: started.record, delivered: [], broadcasts: [] };
    runs.set(runId, tracked);
    const jobId = await postJob(executorUrl, secret, post.job);
    apply(
      tracked,
      step(tracked.record, { kind: 'posted', now: Date.now(), outcome: { kind: 'accepted', jobId } }).effects,
    );
    return jobId;
  };
  return { origin, run, runs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function postJob(executorUrl: string, secret: string, job: JobRequest): Promise<string> {
  const body = JSON.stringify(job);
  const headers = await signedHeaders(secret, 'to-executor', { method: 'POST', path: '/v1/jobs', body });
  const res = await fetch(`${executorUrl}/v1/jobs`, { method: 'POST', headers, body });
  if (res.status !== 202) throw new Error(`the API node refused a job: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The event types the room broadcast for a run, in order. */
export const broadcastTypes = (tracked: Tracked | undefined) =>
  (tracked?.broadcasts ?? []).map((m) => (m.type === 'run.event' ? m.event.type : m.type));
