/**
 * The room's side of a run's stream handshake (executor/src/stream/frames.ts): a GET to
 * `/internal/runs/<runId>/stream?job=<jobId>&request=<roomId>:<runId>`, signed by the
 * executor with the key of its callbacks. Checked by the internal route (so a forgery
 * never wakes a room) and again by the room before it accepts the socket.
 */
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@codesync/executor/api';

export const STREAM_ROUTE = /^\/internal\/runs\/([A-Za-z0-9-]{1,64})\/stream$/;

export interface Handshake {
  roomId: string;
  runId: string;
  jobId: string;
  requestId: string;
}

export type HandshakeCheck = { ok: true; handshake: Handshake } | { ok: false; reason: string };

/** Whether `request` is a stream handshake at all (its path), before any check. */
export const isStreamRequest = (request: Request) => STREAM_ROUTE.test(new URL(request.url).pathname);

export async function checkHandshake(secret: string, request: Request): Promise<HandshakeCheck> {
  const url = new URL(request.url);
  const runId = STREAM_ROUTE.exec(url.pathname)?.[1];
  const jobId = url.searchParams.get('job');
  const requestId = url.searchParams.get('request');
  if (!runId || !jobId || !requestId) return { ok: false, reason: 'the path must name a run, ?job= and ?request=' };
  const signed = await verifySignature(
    secret,
    'to-worker',
    { method: request.method, path: `${url.pathname}${url.search}`, body: '' },
    request.headers.get(TIMESTAMP_HEADER),
    request.headers.get(SIGNATURE_HEADER),
  );
  if (!signed.ok) return { ok: false, reason: signed.reason };
  const [roomId, requestRun] = requestId.split(':');
  if (!roomId || requestRun !== runId) return { ok: false, reason: 'request: must be "<roomId>:<runId>" for this run' };
  return { ok: true, handshake: { roomId, runId, jobId, requestId } };
}

/** The headers the room needs to check the handshake again (nothing else of the request goes in). */
export function handshakeHeaders(request: Request): Headers {
  const headers = new Headers({ upgrade: 'websocket' });
  for (const name of [TIMESTAMP_HEADER, SIGNATURE_HEADER]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}
