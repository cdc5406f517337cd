/**
 * Events to the callback URL: signed, numbered, in order, retried when the receiver fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes.mjs';
import { signedJob, useApp } from './helper';
import { type Receiver, startReceiver, waitFor } from './receiver';

const receiverPort: number = await freePort();
const app = useApp({ EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${receiverPort}` });
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(receiverPort);
});
afterAll(async () => {
  await receiver.close();
});

describe('events', () => {
  it('[EXEC11] sends started, output chunks, finished and analysis, numbered in order', async () => {
    const res = await signedJob(
      app(),
      {
        language: 'python',
        files: [
          {
            path: 'main.py',
            content: 'import os, sys, time\nprint("a", flush=True)\ntime.sleep(0.2)\nprint("b", file=sys.stderr)\n',
          },
        ],
        analyze: true,
        callbackUrl: receiver.url,
        requestId: 'run-42',
      },
      '',
    );
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const mine = () => receiver.events.filter((e) => e.jobId === id);
    await waitFor(() => mine().some((e) => e.type === 'analysis'), 'the analysis event');
    const events = mine();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.every((e) => e.requestId === 'run-42')).toBe(true);
    expect(events[0]?.type).toBe('started');
    // Chunks may split anywhere; per stream, in order, they add up to the output.
    const outputs = events.flatMap((e) => (e.type === 'output' ? [e] : []));
    expect(outputs[0]?.stream).toBe('stdout'); // a was flushed 0.2 s before b
    const joined = (stream: string) =>
      outputs
        .filter((e) => e.stream === stream)
        .map((e) => e.data)
        .join('');
    expect(joined('stdout')).toBe('a\n');
    expect(joined('stderr')).toBe('b\n');
    const finished = events.find((e) => e.type === 'finished');
    expect(finished?.type === 'finished' && finished.result).toMatchObject({
      verdict: 'ok',
      stdout: 'a\n',
      stderr: 'b\n',
    });
    const analysis = events.at(-1);
    expect(analysis?.type === 'analysis' && analysis.diagnostics).toEqual([
      {
        path: 'main.py',
        line: 1,
        column: 1,
        severity: 'warning',
        message: "'os' imported but unused",
        source: 'pyflakes',
      },
    ]);
  });

  it('[EXEC11] retries a delivery the receiver failed, so no event is lost', async () => {
    receiver.failNext(2, 503);
    const before = receiver.attempts;
    const res = await signedJob(
      app(),
      { language: 'python', files: [{ path: 'main.py', content: 'print("x")' }], callbackUrl: receiver.url },
      '',
    );
    const { id } = res.json();
    await waitFor(() => receiver.events.some((e) => e.jobId === id && e.type === 'finished'), 'finished');
    const events = receiver.events.filter((e) => e.jobId === id);
    // Output may come in one event or several (coalescing depends on timing); none is lost.
    const types = events.map((e) => e.type).filter((type, i, all) => type !== 'output' || all[i - 1] !== 'output');
    expect(types).toEqual(['started', 'output', 'finished']);
    expect(events.map((e) => (e.type === 'output' ? e.data : '')).join('')).toBe('x\n');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(receiver.attempts - before).toBeGreaterThanOrEqual(5);
  });
});
