/**
 * A real HTTP + WebSocket server standing in for the room's side of interactive runs:
 * signed event POSTs at `/internal/runs/<runId>/events` and signed stream handshakes at
 * `/internal/runs/<runId>/stream?job=…`, both checked with the same code the worker uses.
 * It records every event (and whether it came over the stream) and lets a test type,
 * end input, stop, or drop the stream.
 */
import { createServer, type Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { type JobEvent, jobEvent, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../src/api';
import { parseFrame, type ToExecutorFrame, type ToRoomFrame, toRoomFrame } from '../../src/stream/frames';
import { SECRET } from '../helper';

export interface StreamRoom {
  origin: string;
  /** Every event, with how it came. */
  events: { via: 'post' | 'stream'; event: JobEvent }[];
  /** A terminal's frames (`terminal.output`, `terminal.file`), per run id, in order. */
  terminal: Map<string, Exclude<ToRoomFrame, { type: 'run.event' }>[]>;
  /** A terminal's screen so far: its output frames joined. */
  screen(runId: string): string;
  /** Handshakes refused, with why. */
  refusals: string[];
  /** Refuse every handshake (a room that does not take the stream). */
  refuseStreams: boolean;
  callbackUrl(runId: string): string;
  /** Whether the run's stream is open. */
  connected(runId: string): boolean;
  send(runId: string, frame: ToExecutorFrame): void;
  drop(runId: string): void;
  /** A job's stdout so far, from its output events in order. */
  stdout(jobId: string): string;
  close(): Promise<void>;
}

const check = (method: string, target: string, body: string, headers: Record<string, unknown>) =>
  verifySignature(
    SECRET,
    'to-worker',
    { method, path: target, body },
    headers[TIMESTAMP_HEADER] as string,
    headers[SIGNATURE_HEADER] as string,
  );

export async function startStreamRoom(port = 0): Promise<StreamRoom> {
  const sockets = new Map<string, WebSocket>();
  const room = { events: [], refusals: [], refuseStreams: false, terminal: new Map() } as unknown as StreamRoom;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      const signed = await check(req.method ?? '', req.url ?? '', body, req.headers);
      if (!signed.ok) return void res.writeHead(401).end();
      room.events.push({ via: 'post', event: jobEvent.parse(JSON.parse(body)) });
      res.writeHead(204).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', async (req, socket, head) => {
    const runId = /^\/internal\/runs\/([^/]+)\/stream\?job=[^&]+&request=/.exec(req.url ?? '')?.[1];
    const signed = await check('GET', req.url ?? '', '', req.headers);
    if (!runId || !signed.ok || room.refuseStreams) {
      room.refusals.push(signed.ok ? 'refused' : signed.reason);
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(runId, ws);
      ws.on('message', (data) => {
        const parsed = parseFrame(toRoomFrame, data.toString());
        if (!parsed.ok) throw new Error(`the executor sent a bad frame: ${parsed.problem}`);
        if (parsed.frame.type === 'run.event') room.events.push({ via: 'stream', event: parsed.frame.event });
        else room.terminal.set(runId, [...(room.terminal.get(runId) ?? []), parsed.frame]);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  room.origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  room.callbackUrl = (runId) => `${room.origin}/internal/runs/${runId}/events`;
  room.connected = (runId) => sockets.get(runId)?.readyState === WebSocket.OPEN;
  room.send = (runId, frame) => sockets.get(runId)?.send(JSON.stringify(frame));
  room.screen = (runId) =>
    (room.terminal.get(runId) ?? []).map((f) => (f.type === 'terminal.output' ? f.data : '')).join('');
  room.drop = (runId) => sockets.get(runId)?.terminate();
  room.stdout = (jobId) =>
    room.events
      .flatMap(({ event }) =>
        event.jobId === jobId && event.type === 'output' && event.stream === 'stdout' ? [event] : [],
      )
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.data)
      .join('');
  room.close = async () => {
    for (const ws of sockets.values()) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return room;
}
