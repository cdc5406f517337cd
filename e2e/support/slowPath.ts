/**
 * A slow network path between one browser and the server, for tests of what a page
 * shows when the room answers late or not at all: a plain TCP relay on loopback that
 * holds every chunk the server sends for a set time before passing it on, in order,
 * and can swallow WebSocket upgrades (a server that takes the connection and never
 * answers the handshake). Real sockets and a real server on both sides; only the path
 * in between misbehaves, and only for the pages that open the relay's address.
 *
 * @example
 * const path = await slowPath(worker.url);
 * await page.goto(path.via(room.links.candidate));
 * path.setDelay(1_500); // … the page sees the room answer late
 * path.setDelay(0);
 */
import { createServer, Socket } from 'node:net';

export interface SlowPath {
  /** The same link, through the relay. */
  via(link: string): string;
  /** How long each chunk from the server waits before it goes on (0: at once). */
  setDelay(ms: number): void;
  /** While on, a connection that starts with a WebSocket upgrade is kept open and never answered. */
  swallowUpgrades(on: boolean): void;
  /** Upgrades swallowed so far. */
  readonly swallowed: number;
  close(): Promise<void>;
}

export async function slowPath(serverUrl: string): Promise<SlowPath> {
  const target = new URL(serverUrl);
  let delayMs = 0;
  let swallowing = false;
  let swallowed = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    client.once('data', (first: Buffer) => {
      if (swallowing && /^upgrade:\s*websocket/im.test(first.toString('latin1'))) {
        swallowed++;
        client.resume(); // read and drop whatever else comes; answer nothing
        return;
      }
      upstream.connect(Number(target.port), target.hostname);
      upstream.write(first);
      client.pipe(upstream);
    });
    // Chunks wait in one queue per connection, so none overtakes an earlier one, even
    // when the delay is lowered while some still wait.
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const drain = () => {
      timer = null;
      while (queue.length > 0 && (queue[0]?.due ?? 0) <= Date.now()) {
        const next = queue.shift();
        if (next && client.writable) client.write(next.chunk);
      }
      if (queue.length > 0) timer = setTimeout(drain, (queue[0]?.due ?? 0) - Date.now());
    };
    upstream.on('data', (chunk: Buffer) => {
      queue.push({ due: Date.now() + delayMs, chunk });
      if (timer === null) drain();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('close', end);
      s.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the relay has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    via: (link) => {
      const url = new URL(link);
      return `${origin}${url.pathname}${url.search}${url.hash}`;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    swallowUpgrades(on) {
      swallowing = on;
    },
    get swallowed() {
      return swallowed;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
