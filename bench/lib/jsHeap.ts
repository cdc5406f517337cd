/**
 * The JavaScript heap a server's isolate holds after a full collection, read over its V8
 * inspector (Chrome DevTools Protocol). workerd does not answer
 * HeapProfiler.collectGarbage, so a heap snapshot (which collects first) is taken and
 * thrown away, then Runtime.getHeapUsage is asked; the inspector answers in order.
 * Process RSS also counts what the allocator keeps after the objects are gone; this is
 * what the code still references.
 *
 * @example
 * const { usedBytes } = await jsHeapAfterGc(9131); // workerd, or node --inspect=127.0.0.1:9131
 */
import WebSocket from 'ws';

/** Longer than a snapshot of a few hundred MB takes; also the bound on listing and connecting. */
const TIMEOUT_MS = 60_000;

/** The first target the inspector lists that is not Miniflare's own worker. */
async function targetUrl(port: number): Promise<string> {
  const listed = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const targets = (await listed.json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => !t.title.includes('miniflare')) ?? targets[0];
  if (!target) throw new Error(`the inspector on port ${port} lists no target`);
  return target.webSocketDebuggerUrl;
}

export async function jsHeapAfterGc(port: number): Promise<{ usedBytes: number }> {
  const ws = new WebSocket(await targetUrl(port), { maxPayload: 2 ** 30, handshakeTimeout: TIMEOUT_MS });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result),
      );
      ws.send(JSON.stringify({ id, method, params }));
    });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no heap usage from the inspector on port ${port} in ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
  });
  try {
    // The snapshot's chunks and its own answer are not waited for: the next answer comes after them.
    void call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }).catch(() => {});
    const { usedSize } = (await Promise.race([call('Runtime.getHeapUsage'), timeout])) as { usedSize: number };
    return { usedBytes: usedSize };
  } finally {
    clearTimeout(timer);
    ws.close();
  }
}
