/**
 * The baseline the keystroke benches print beside their figures: a plain WebSocket echo
 * over loopback, one message at a time, paced as the measured path is.
 *
 * @example
 * const baseline = summarize(await plainEcho({ count: 300, warmup: 20, message: () => 'a', pace }));
 */
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';

export async function plainEcho(options: {
  count: number;
  warmup: number;
  message: (i: number) => string;
  pace: () => Promise<unknown>;
}): Promise<number[]> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws) => ws.on('message', (data) => ws.send(data.toString())));
  await new Promise((resolve) => server.once('listening', resolve));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
  await new Promise((resolve) => ws.once('open', resolve));
  const samples: number[] = [];
  for (let i = 0; i < options.warmup + options.count; i++) {
    const sent = performance.now();
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(options.message(i));
    });
    if (i >= options.warmup) samples.push(performance.now() - sent);
    await options.pace();
  }
  ws.close();
  await new Promise((resolve) => server.close(resolve));
  return samples;
}
