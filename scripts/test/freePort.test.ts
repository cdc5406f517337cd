/**
 * freePort (scripts/lib/processes.mjs): the ports two test files running at once draw
 * never meet, and one process never hands out a port twice, even one nothing has bound
 * yet (a full run lost a file to two servers handed the same port).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../lib/processes.mjs';

const poolId = process.env.VITEST_POOL_ID;
afterEach(() => {
  if (poolId === undefined) delete process.env.VITEST_POOL_ID;
  else process.env.VITEST_POOL_ID = poolId;
});

async function draw(id: string, count: number): Promise<number[]> {
  process.env.VITEST_POOL_ID = id;
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  return ports;
}

describe('freePort', () => {
  it('never hands out the same port twice in one process, though nothing binds them', async () => {
    const ports = await draw('1', 300);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('takes a pool id it cannot read as none', async () => {
    for (const port of await draw('not-a-number', 20)) expect(port).toBeGreaterThanOrEqual(20_000);
  });

  it('gives files running at once (their VITEST_POOL_ID) ports that never meet, below the ephemeral range', async () => {
    const first = await draw('1', 100);
    const second = await draw('2', 100);
    expect(Math.max(...first)).toBeLessThan(Math.min(...second));
    for (const port of [...first, ...second]) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    }
  });
});
