/**
 * Adversarial suite, issue #10 hole 10, at the worker's door for executor events:
 * only a signature made by the executor's key, for this method and this run's path,
 * gets an event in.
 */
import { env, exports } from 'cloudflare:workers';
import { type SigningDirection, signedHeaders } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import { BASE, createRoom } from '../support';

describe('executor events (hole 10)', () => {
  const cases: { what: string; direction: SigningDirection; path: (runId: string) => string; method: string }[] = [
    {
      what: 'signed with the worker→executor key',
      direction: 'to-executor',
      path: (r) => `/internal/runs/${r}/events`,
      method: 'POST',
    },
    {
      what: 'signed for another run',
      direction: 'to-worker',
      path: () => '/internal/runs/other/events',
      method: 'POST',
    },
    {
      what: 'signed for another method',
      direction: 'to-worker',
      path: (r) => `/internal/runs/${r}/events`,
      method: 'GET',
    },
  ];
  for (const { what, direction, path, method } of cases)
    it(`[SEC-SIG2] hole 10: an event ${what} is refused with 401`, async () => {
      const room = await createRoom();
      const runId = 'run-x';
      const body = JSON.stringify({ type: 'started', jobId: 'j', requestId: `${room.roomId}:${runId}`, seq: 0 });
      const headers = await signedHeaders(env.EXECUTOR_SECRET, direction, { method, path: path(runId), body });
      const res = await exports.default.fetch(`${BASE}/internal/runs/${runId}/events`, {
        method: 'POST',
        headers,
        body,
      });
      expect(res.status).toBe(401);
    });
});
