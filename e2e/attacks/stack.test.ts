/**
 * Adversarial suite, issue #10, at the level of the whole product (wrangler dev + a real
 * executor): what an attacker on the same machine or the network can see or reach.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../testing/until';
import { type Stack, startStack } from '../support/stack';
import { createRoom } from '../support/worker';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.dispose();
});

describe('the stack', () => {
  it('[SEC-HARD1] hole 14: the executor secret is on no command line (`ps` shows them to every user)', () => {
    const commandLines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(commandLines.includes(stack.secret)).toBe(false);
  });

  it('[SEC-CB1] hole 1: with the callback allow-list set to the worker, a run still reports back', async () => {
    const room = await createRoom(stack.worker);
    const auth = { authorization: `Bearer ${room.tokens.candidate}`, 'content-type': 'application/json' };
    const started = await fetch(`${stack.worker.url}/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const run = await until(
      async () => {
        const res = await fetch(`${stack.worker.url}/api/runs/${runId}`, { headers: auth });
        const body = (await res.json()) as { state: string };
        return body.state === 'finished' || body.state === 'failed' ? body : undefined;
      },
      'the run to end',
      45_000,
    );
    expect(run).toMatchObject({ state: 'finished', verdict: 'ok' });
  });
});
