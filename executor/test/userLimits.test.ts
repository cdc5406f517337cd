/**
 * Limits a user sets (SPEC "Run limits"): the executor says which it honours, and the
 * time and memory a job asks for are the ones its sandbox gets. Each program runs twice:
 * once past the user's limit (the verdict says so) and once inside a larger one (it
 * finishes), so a pass cannot come from a default that happens to be low.
 */
import { describe, expect, it } from 'vitest';
import { signedHeaders } from '../src/api';
import { run, SECRET, signedJob, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1', EXECUTOR_MAX_TIME_MS: '8000', EXECUTOR_MAX_MEMORY_MB: '512' });
const py = (content: string, limits: object) =>
  run(app(), { language: 'python', files: [{ path: 'main.py', content }], limits });

async function getLimits(headers: Record<string, string>) {
  return app().inject({ method: 'GET', url: '/v1/limits', headers });
}

describe('GET /v1/limits', () => {
  it('[RLIM1] answers the configured maxima, the defaults and the floors, signed', async () => {
    const headers = await signedHeaders(SECRET, 'to-executor', { method: 'GET', path: '/v1/limits', body: '' });
    const res = await getLimits(headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      defaults: { timeMs: 5000, memoryMb: 256, outputKb: 1024 },
      maxima: { timeMs: 8000, memoryMb: 512, outputKb: 4096 },
      floors: { timeMs: 100, memoryMb: 32, outputKb: 1 },
    });
  });

  it('[RLIM1] refuses an unsigned request, or one signed for another path', async () => {
    expect((await getLimits({})).statusCode).toBe(401);
    const other = await signedHeaders(SECRET, 'to-executor', { method: 'GET', path: '/v1/languages', body: '' });
    const res = await getLimits(other);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/signature does not match/);
  });
});

describe('a job runs under the limits it sets', () => {
  const sleeper = 'import time\ntime.sleep(1.5)\nprint("woke")\n';

  it('[RLIM2] a program sleeping past a 1 s limit is a time_limit; with 3 s it finishes', async () => {
    const cut = await py(sleeper, { timeMs: 1000 });
    expect(cut.verdict).toBe('time_limit');
    expect(cut.stdout).toBe('');
    const whole = await py(sleeper, { timeMs: 3000 });
    expect(whole.verdict).toBe('ok');
    expect(whole.stdout).toBe('woke\n');
  });

  // 96 MB held at once: over a 64 MB limit, inside 256 MB.
  const eater = 'x = bytearray(96 * 1024 * 1024)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\nprint("held")\n';

  it('[RLIM2] a program holding 96 MB is a memory_limit under 64 MB; under 256 MB it finishes', async () => {
    const cut = await py(eater, { memoryMb: 64 });
    expect(cut.verdict).toBe('memory_limit');
    const whole = await py(eater, { memoryMb: 256 });
    expect(whole.verdict).toBe('ok');
    expect(whole.stdout).toBe('held\n');
  });

  it('[RLIM2] a limit past the configured maximum is refused naming the maximum, not capped', async () => {
    const res = await signedJob(app(), {
      language: 'python',
      files: [{ path: 'main.py', content: 'print(1)\n' }],
      limits: { timeMs: 9000 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/limits\.timeMs: must be at most 8000/);
  });
});
