/**
 * `npm run dev` (scripts/dev.mjs), issue 9 items 16 and 18: its servers end with it
 * however it ends, it says exactly what runs and what does not, and a taken port
 * stops it before anything starts (exit non-zero). Each run gets free ports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, portTaken } from '../scripts/lib/processes.mjs';
import { buildWebUnlessFresh } from '../scripts/lib/web.mjs';
import { until } from './support/worker';

const ROOT = path.join(import.meta.dirname, '..');

interface Dev {
  child: ChildProcess;
  ports: number[];
  output: () => string;
  exited: Promise<number | null>;
}

const started: Dev[] = [];

async function startDev(env: Record<string, string> = {}): Promise<Dev> {
  const [worker, executor, web] = [await freePort(), await freePort(), await freePort()];
  // Its own process group, as a terminal gives it: the test can kill the group.
  const child = spawn(process.execPath, ['scripts/dev.mjs'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CODESYNC_PORT: String(worker),
      EXECUTOR_PORT: String(executor),
      CODESYNC_WEB_PORT: String(web),
      EXECUTOR_POOL_SIZE: '0',
      EXECUTOR_SECRET: 'dev-test-secret-0123456789abcdef0123456789abcdef',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const dev = { child, ports: [worker, executor, web], output: () => output, exited };
  started.push(dev);
  return dev;
}

async function allFree(ports: number[]): Promise<boolean> {
  for (const port of ports) if (await portTaken(port)) return false;
  return true;
}

afterEach(async () => {
  // Whatever a failed test left: the dev group, then the servers' ports.
  for (const dev of started.splice(0)) {
    try {
      process.kill(-(dev.child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('npm run dev (issue 9)', () => {
  it('[DEV1] its servers end when it gets SIGHUP (its terminal closed), and it says what runs', async () => {
    const dev = await startDev();
    await until(() => dev.output().includes('Ctrl-C stops everything'), 'dev to start', 120_000);
    expect(dev.output()).toContain(`running      worker + web     http://127.0.0.1:${dev.ports[0]}`);
    expect(dev.output()).toContain(`running      web, hot reload  http://127.0.0.1:${dev.ports[2]}`);
    expect(await allFree(dev.ports)).toBe(false);
    process.kill(dev.child.pid as number, 'SIGHUP');
    await dev.exited;
    await until(() => allFree(dev.ports), 'every port to be free', 15_000);
  }, 180_000);

  it('[DEV4] an up-to-date web/dist is served as it is, not rebuilt under the servers already serving it', async () => {
    // The suite's own browser tests serve web/dist while this file runs `npm run dev`: a
    // rebuild empties it first, and a page one of them loaded then was answered with an error.
    buildWebUnlessFresh();
    const index = path.join(ROOT, 'web/dist/index.html');
    const before = statSync(index);
    const dev = await startDev();
    await until(() => dev.output().includes('Ctrl-C stops everything'), 'dev to start', 120_000);
    const after = statSync(index);
    expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({ ino: before.ino, mtimeMs: before.mtimeMs });
    process.kill(dev.child.pid as number, 'SIGHUP');
    await dev.exited;
    await until(() => allFree(dev.ports), 'every port to be free', 15_000);
  }, 180_000);

  it('[DEV2] its servers end when its whole process group is killed (SIGKILL)', async () => {
    const dev = await startDev();
    await until(() => dev.output().includes('Ctrl-C stops everything'), 'dev to start', 120_000);
    process.kill(-(dev.child.pid as number), 'SIGKILL');
    await dev.exited;
    await until(() => allFree(dev.ports), 'every port to be free', 15_000);
  }, 180_000);

  it('[DEV3] a taken port: says which, starts nothing and exits non-zero', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const dev = await startDev({ EXECUTOR_PORT: String(port) });
      expect(await dev.exited).toBe(1);
      expect(dev.output()).toContain(`port ${port} is taken, so the executor cannot start`);
      expect(dev.output()).not.toContain('CodeSync is running');
      expect(await allFree(dev.ports.filter((p) => p !== port))).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);
});
