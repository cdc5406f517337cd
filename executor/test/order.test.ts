/**
 * Output order across the two streams: what a program wrote to stdout before it wrote
 * to stderr reaches the callback first (a traceback after a long printout comes last).
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

describe('output order', () => {
  // Docker copied the two streams independently: this failed about one run in three.
  it.each([1, 2, 3, 4])(
    '[EXEC14] a traceback after a long printout arrives after it (try %i)',
    async () => {
      const res = await signedJob(
        app(),
        {
          language: 'python',
          files: [
            {
              path: 'main.py',
              content:
                'import time\nfor i in range(1500):\n    print("line", i, flush=True)\n    if i % 100 == 0: time.sleep(0.05)\nraise ValueError("the end")\n',
            },
          ],
          callbackUrl: receiver.url,
        },
        '',
      );
      expect(res.statusCode).toBe(202);
      const { id } = res.json();
      const mine = () => receiver.events.filter((e) => e.jobId === id);
      await waitFor(() => mine().some((e) => e.type === 'finished'), 'the finished event', 30_000);
      const text = mine()
        .flatMap((e) => (e.type === 'output' ? [`${e.stream === 'stderr' ? '!' : ''}${e.data}`] : []))
        .join('');
      expect(text.indexOf('!')).toBeGreaterThan(text.indexOf('line 1499'));
    },
    40_000,
  );
});
