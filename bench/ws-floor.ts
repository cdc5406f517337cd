/**
 * The platform's floor under the room (issue 19): what workerd itself spends per
 * WebSocket message on a Durable Object with hibernatable sockets that does nothing
 * else, beside a Node `ws` server doing the same, in the same run. Two shapes:
 *
 *  - sink:  each message is received and dropped (the cost of one inbound message);
 *  - relay: each message is sent on to every other socket of its room (one edit of the
 *           load bench: 1 in, clients − 1 out), with no parsing, storage or Yjs.
 *
 * Raw `ws` clients in a child process send 24-byte binary frames at a fixed rate. CPU is
 * utime + stime of the serving process (workerd alone, not Miniflare's Node host; the
 * Node server's own process), divided by the messages sent. Compare the relay's figure
 * with `npm run bench:room-cpu`'s µs per edit at the same row: what the room spends above
 * this floor is ours to cut; the floor is not.
 *
 *   npm run bench:ws-floor
 *   BENCH_ROWS=20x10x5,1x50x2 BENCH_SECONDS=6 npm run bench:ws-floor
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { Miniflare } from 'miniflare';
import { freePort } from '../scripts/lib/processes.mjs';
import { table } from './lib/stats';
import { cpuSecondsOf } from './load/procstat';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROWS = (process.env.BENCH_ROWS ?? '20x10x5,1x50x2').split(',').map((text) => {
  const match = /^(\d+)x(\d+)x(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new Error(`BENCH_ROWS: "${text}" must be rooms x clients x messages/s, e.g. 20x10x5`);
  return { rooms: Number(match[1]), clients: Number(match[2]), rate: Number(match[3]) };
});
if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error(`BENCH_SECONDS: "${SECONDS}" must be above 0`);

/** The Durable Object: hibernatable sockets, a room per name, and nothing else. */
const worker = (shape: 'sink' | 'relay') => `
import { DurableObject } from 'cloudflare:workers';
export class Floor extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  webSocketMessage(ws, message) {
    ${shape === 'relay' ? 'for (const peer of this.ctx.getWebSockets()) if (peer !== ws) peer.send(message);' : ''}
  }
  webSocketClose(ws, code, reason) {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }
}
export default {
  fetch(request, env) {
    return env.FLOOR.getByName(new URL(request.url).pathname).fetch(request);
  },
};
`;

/** The same in Node: the reference Yjs server's transport (ws), relaying or dropping. */
const NODE_SERVER = `
const { WebSocketServer } = require('ws');
const shape = process.env.SHAPE;
const rooms = new Map();
const server = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1' });
server.on('connection', (ws, request) => {
  const room = rooms.get(request.url) ?? new Set();
  rooms.set(request.url, room);
  room.add(ws);
  ws.on('message', (data, isBinary) => {
    if (shape === 'relay') for (const peer of room) if (peer !== ws) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => room.delete(ws));
});
server.on('listening', () => process.send('ready'));
`;

/** Clients: open every socket, then send at the rate for the span, then report what was sent and received. */
const CLIENTS = `
const WebSocket = require('ws');
process.once('message', async ({ url, rooms, clients, rate, seconds }) => {
  const sockets = [];
  for (let r = 0; r < rooms; r++)
    for (let c = 0; c < clients; c++) sockets.push(new WebSocket(url + '/room-' + r, { perMessageDeflate: false }));
  await Promise.all(sockets.map((ws) => new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); })));
  let received = 0;
  for (const ws of sockets) ws.on('message', () => { received += 1; });
  process.send({ opened: true });
  await new Promise((resolve) => process.once('message', resolve));
  const frame = Buffer.alloc(24, 7);
  let sent = 0;
  const timers = sockets.map((ws, i) => {
    const start = setTimeout(() => {
      timers[i] = setInterval(() => { ws.send(frame); sent += 1; }, 1000 / rate);
    }, Math.random() * (1000 / rate));
    return start;
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  for (const t of timers) { clearTimeout(t); clearInterval(t); }
  await new Promise((resolve) => setTimeout(resolve, 500));
  process.send({ sent, received });
  for (const ws of sockets) ws.close();
});
`;

interface Server {
  url: string;
  cpu(): number;
  stop(): Promise<void>;
}

async function workerdServer(shape: 'sink' | 'relay'): Promise<Server> {
  const port = await freePort();
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: 'floor.mjs', contents: worker(shape) }],
    compatibilityDate: '2026-04-26',
    durableObjects: { FLOOR: { className: 'Floor', useSQLite: true } },
    host: '127.0.0.1',
    port,
  });
  await mf.ready;
  return {
    url: `ws://127.0.0.1:${port}`,
    cpu: () => cpuSecondsOf(process.pid, 'workerd'),
    stop: () => mf.dispose(),
  };
}

async function nodeServer(shape: 'sink' | 'relay'): Promise<Server> {
  const port = await freePort();
  const child = nodeScript(NODE_SERVER, { PORT: String(port), SHAPE: shape });
  await nextMessage(child);
  return {
    url: `ws://127.0.0.1:${port}`,
    cpu: () => cpuSecondsOf(child.pid as number, null),
    stop: async () => {
      child.kill();
      await once(child, 'exit');
    },
  };
}

/** A Node process running `code`, with an IPC channel (process.send) to this one. */
function nodeScript(code: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['-e', code], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The child's next message, or an error if it exits first (a bench never hangs on a dead child). */
function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`a child process of the bench exited (${code}) before it answered`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

async function measure(server: Server, row: (typeof ROWS)[number]) {
  const clients = nodeScript(CLIENTS);
  try {
    clients.send({ url: server.url, ...row, seconds: SECONDS });
    await nextMessage(clients);
    await new Promise((r) => setTimeout(r, 500));
    const before = server.cpu();
    clients.send({ go: true });
    const { sent, received } = await nextMessage<{ sent: number; received: number }>(clients);
    return { sent, received, cpuSeconds: server.cpu() - before };
  } finally {
    clients.kill();
  }
}

const results: Record<string, string | number>[] = [];
for (const row of ROWS) {
  for (const shape of ['sink', 'relay'] as const) {
    for (const [name, start] of [
      ['workerd (DO, hibernatable)', workerdServer],
      ['node ws', nodeServer],
    ] as const) {
      const server = await start(shape);
      try {
        const { sent, received, cpuSeconds } = await measure(server, row);
        results.push({
          row: `${row.rooms}×${row.clients}×${row.rate}`,
          shape,
          server: name,
          'messages in': sent,
          'frames out': received,
          'CPU s': cpuSeconds,
          'µs per message in': Math.round((cpuSeconds / sent) * 1e6),
          'µs per frame (in + out)': Math.round((cpuSeconds / (sent + received)) * 1e6),
        });
      } finally {
        await server.stop();
      }
    }
  }
}
console.log(`\nbench:ws-floor, ${SECONDS} s per row, load average ${loadavg()[0]?.toFixed(2)}\n`);
console.log(table(results));
