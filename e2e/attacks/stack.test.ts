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

const EXPECTED_HEADERS: [string, RegExp][] = [
  ['content-security-policy', /default-src 'self'/],
  ['content-security-policy', /frame-ancestors 'none'/],
  ['content-security-policy', /base-uri 'none'/],
  ['content-security-policy', /object-src 'none'/],
  ['x-content-type-options', /^nosniff$/],
  ['referrer-policy', /^no-referrer$/],
];

describe('security headers (hole 12)', () => {
  const paths = async () => {
    const html = await (await fetch(`${stack.worker.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error('no script in the page');
    return ['/', '/r/someroom', script, '/health', '/api/rooms/nope', '/api/nothing-here', '/internal/runs/x/events'];
  };
  it('[SEC-HDR1] hole 12: every page, asset and API answer carries the CSP, nosniff and no-referrer', async () => {
    const failures: string[] = [];
    for (const path of await paths()) {
      const res = await fetch(`${stack.worker.url}${path}`);
      await res.body?.cancel();
      for (const [name, pattern] of EXPECTED_HEADERS) {
        const value = res.headers.get(name) ?? '';
        if (!pattern.test(value)) failures.push(`${path}: ${name} is "${value}", expected ${pattern}`);
      }
    }
    expect(failures).toEqual([]);
  });
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
