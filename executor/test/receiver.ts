/**
 * A real HTTP server standing in for the room's callback endpoint: it checks each
 * event's signature with the same code the worker uses and records what arrived.
 */

import { createServer, type Server } from 'node:http';
import { until } from '../../testing/until';
import { type JobEvent, jobEvent, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/api';
import { SECRET } from './helper';

export interface Receiver {
  url: string;
  events: JobEvent[];
  /** Answer the next `n` deliveries with this status instead of 204. */
  failNext(n: number, status?: number): void;
  attempts: number;
  close(): Promise<void>;
}

/** `port` lets a test put the receiver's origin in EXECUTOR_CALLBACK_ORIGINS before the app starts. */
export async function startReceiver(port = 0): Promise<Receiver> {
  const events: JobEvent[] = [];
  let failures = 0;
  let failStatus = 500;
  const receiver = { events, attempts: 0 } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      receiver.attempts += 1;
      const check = await verifySignature(
        SECRET,
        'to-worker',
        { method: req.method ?? '', path: req.url ?? '', body },
        req.headers[TIMESTAMP_HEADER] as string,
        req.headers[SIGNATURE_HEADER] as string,
      );
      if (!check.ok) {
        res.writeHead(401).end();
        return;
      }
      if (failures > 0) {
        failures -= 1;
        res.writeHead(failStatus).end();
        return;
      }
      events.push(jobEvent.parse(JSON.parse(body)));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as { port: number }).port;
  receiver.url = `http://127.0.0.1:${bound}/events`;
  receiver.failNext = (n, status = 500) => {
    failures = n;
    failStatus = status;
  };
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Sandboxed jobs take seconds on a loaded machine: a longer default deadline. */
export function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<true> {
  return until(() => check() || undefined, what, ms);
}
