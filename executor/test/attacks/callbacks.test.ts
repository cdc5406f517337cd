/**
 * Adversarial suite, issue #10 hole 1 (executor side): a job's callback URL is where
 * the executor posts signed events. Whoever can submit a job (or forge where the worker
 * says to call back) must not be able to aim those posts anywhere, bounce them with a
 * redirect, or hold an executor slot with a receiver that never answers.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/processes.mjs';
import { signedJob, useApp } from '../helper';
import { type Receiver, startReceiver, waitFor } from '../receiver';

const allowedPort: number = await freePort();
const redirectPort: number = await freePort();
const hangPort: number = await freePort();
const app = useApp({
  EXECUTOR_CONCURRENCY: '1',
  EXECUTOR_CALLBACK_ORIGINS: [allowedPort, redirectPort, hangPort].map((p) => `http://127.0.0.1:${p}`).join(','),
});

let target: Receiver; // where a redirect points: never on the allow-list's terms
let allowed: Receiver;
const servers: Server[] = [];
let hangHits = 0;
beforeAll(async () => {
  target = await startReceiver();
  allowed = await startReceiver(allowedPort);
  const listen = (port: number, handler: Parameters<typeof createServer>[1]) =>
    new Promise<void>((resolve) => {
      const server = createServer(handler);
      servers.push(server);
      server.listen(port, '127.0.0.1', resolve);
    });
  await listen(redirectPort, (_req, res) => res.writeHead(307, { location: target.url }).end());
  await listen(hangPort, () => {
    hangHits += 1; // never answers
  });
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await Promise.all([target.close(), allowed.close()]);
});

const job = (callbackUrl: string) => ({
  language: 'python',
  files: [{ path: 'main.py', content: 'print(1)' }],
  callbackUrl,
});

describe('callback hijack (hole 1)', () => {
  for (const url of ['http://127.0.0.1:9999/events', 'http://169.254.169.254/latest/meta-data', 'http://localhost:1/x'])
    it(`[SEC-CB1] hole 1: a callbackUrl outside EXECUTOR_CALLBACK_ORIGINS (${url}) is refused`, async () => {
      const res = await signedJob(app(), job(url), '');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('EXECUTOR_CALLBACK_ORIGINS');
    });

  it('[SEC-CB1] hole 1: a callbackUrl on the allow-list gets its events', async () => {
    const res = await signedJob(app(), job(allowed.url), '');
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    await waitFor(() => allowed.events.some((e) => e.jobId === id && e.type === 'finished'), 'the finished event');
  });

  it('[SEC-CB2] hole 1: a redirect from the receiver is never followed', async () => {
    const res = await signedJob(app(), job(`http://127.0.0.1:${redirectPort}/events`), '');
    const { id } = res.json();
    await waitFor(() => app().jobs.result(id)?.status === 'finished', 'the job to finish');
    // One more job to an honest receiver: once it arrives the redirected deliveries are over.
    const after = (await signedJob(app(), job(allowed.url), '')).json().id;
    await waitFor(() => allowed.events.some((e) => e.jobId === after && e.type === 'finished'), 'the next job');
    expect(target.attempts).toBe(0);
  });

  it('[SEC-CB3] hole 1: a receiver that never answers does not hold the slot: the next job runs', async () => {
    const stuck = (await signedJob(app(), job(`http://127.0.0.1:${hangPort}/events`), '')).json().id;
    const next = (await signedJob(app(), job(allowed.url), '')).json().id;
    // With one slot, the next job's events arrive only once the stuck one let go of it;
    // a deadline well under the old ~35 s per event.
    await waitFor(() => allowed.events.some((e) => e.jobId === next && e.type === 'finished'), 'the next job', 25_000);
    expect(app().jobs.result(stuck)?.status).toBe('finished');
    expect(hangHits).toBeGreaterThan(0);
  }, 40_000);
});
