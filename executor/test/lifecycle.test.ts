/**
 * Boot and shutdown: configuration is checked before anything starts; orphaned
 * sandboxes are removed at boot and on close.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it, vi } from 'vitest';
import { until } from '../../testing/until';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { HOST_LABEL, OWNER_LABEL, PID_LABEL, SANDBOX_LABEL } from '../src/sandbox/container';
import { imageTag } from '../src/sandbox/imageTags.mjs';
import { SandboxPool } from '../src/sandbox/pool';
import { run, SECRET, testConfig, testSandboxConfig } from './helper';

const docker = new Docker();
const owned = async (owner: string) =>
  (await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } })).length;

describe('configuration', () => {
  it.each([
    [{}, 'EXECUTOR_SECRET'],
    [{ EXECUTOR_SECRET: 'short' }, 'EXECUTOR_SECRET: must be at least 32 characters'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_PORT: 'eighty' }, 'EXECUTOR_PORT'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_RUNTIME: 'run sc' }, 'EXECUTOR_RUNTIME: must name a Docker runtime'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_QUEUE: 'sqs' }, 'SQS_QUEUE_URL: required when EXECUTOR_QUEUE=sqs'],
    [
      { EXECUTOR_SECRET: SECRET, EXECUTOR_PACKAGES_CACHE_MB: '1', EXECUTOR_PACKAGES_MAX_KB: '2048' },
      'EXECUTOR_PACKAGES_CACHE_MB: must hold at least one set',
    ],
    [
      { EXECUTOR_SECRET: SECRET, EXECUTOR_POOL_LANGUAGES: 'python,cobol' },
      'EXECUTOR_POOL_LANGUAGES: cobol: not a language id',
    ],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_POOL_LANGUAGES: ' , ' }, 'EXECUTOR_POOL_LANGUAGES: names no language'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_TERMINAL_CONCURRENCY: 'two' }, 'EXECUTOR_TERMINAL_CONCURRENCY'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_TERMINAL_CONCURRENCY: '-1' }, 'EXECUTOR_TERMINAL_CONCURRENCY'],
    [
      { EXECUTOR_SECRET: SECRET, EXECUTOR_CONCURRENCY: '2', EXECUTOR_TERMINAL_CONCURRENCY: '2' },
      'EXECUTOR_TERMINAL_CONCURRENCY: must be at most 1 (EXECUTOR_CONCURRENCY − 1',
    ],
    [
      { EXECUTOR_SECRET: SECRET, EXECUTOR_CONCURRENCY: '1', EXECUTOR_TERMINAL_CONCURRENCY: '1' },
      'EXECUTOR_TERMINAL_CONCURRENCY: must be at most 0',
    ],
  ])('[CFG3] refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('[TERM14] terminals default to one fewer than the job slots (none with one slot); 0 turns them off', () => {
    const terminals = (env: Record<string, string>) =>
      loadConfig({ EXECUTOR_SECRET: SECRET, ...env }).terminalConcurrency;
    expect(terminals({ EXECUTOR_CONCURRENCY: '4' })).toBe(3);
    expect(terminals({ EXECUTOR_CONCURRENCY: '2' })).toBe(1);
    expect(terminals({ EXECUTOR_CONCURRENCY: '1' })).toBe(0);
    expect(terminals({ EXECUTOR_CONCURRENCY: '4', EXECUTOR_TERMINAL_CONCURRENCY: '0' })).toBe(0);
    expect(terminals({ EXECUTOR_CONCURRENCY: '4', EXECUTOR_TERMINAL_CONCURRENCY: '2' })).toBe(2);
  });

  it('[TERM14] terminals off by default (one slot) is said once at boot: why, and how to turn them on', () => {
    const warnings = (env: Record<string, string>) => loadConfig({ EXECUTOR_SECRET: SECRET, ...env }).warnings;
    expect(warnings({ EXECUTOR_CONCURRENCY: '1' })).toEqual([
      'Shared terminals are off: EXECUTOR_CONCURRENCY=1 leaves no slot for them (a terminal holds its slot for up to ' +
        'an hour and runs must always keep one; EXECUTOR_TERMINAL_CONCURRENCY defaults to EXECUTOR_CONCURRENCY − 1). ' +
        'To turn them on, raise EXECUTOR_CONCURRENCY to 2 or more (on a host with the CPUs for it).',
    ]);
    // Off on purpose, or on: nothing to say.
    expect(warnings({ EXECUTOR_CONCURRENCY: '1', EXECUTOR_TERMINAL_CONCURRENCY: '0' })).toEqual([]);
    expect(warnings({ EXECUTOR_CONCURRENCY: '2' })).toEqual([]);
  });

  it('[TERM14] the boot logs that warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const app = await buildApp(testConfig({ EXECUTOR_CONCURRENCY: '1', EXECUTOR_POOL_SIZE: '0' }));
      await app.close();
      const said = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('terminals are off'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('raise EXECUTOR_CONCURRENCY to 2 or more');
    } finally {
      warn.mockRestore();
    }
  });

  it('[CFG3] the server process exits with a clear message on a bad value', () => {
    const root = path.join(import.meta.dirname, '../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['executor/src/server.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, EXECUTOR_SECRET: SECRET, EXECUTOR_MAX_TIME_MS: '-5' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('EXECUTOR_MAX_TIME_MS');
  });
});

describe('orphans', () => {
  it('removes containers a previous run left behind at boot, and its own on close', async () => {
    const config = testConfig({ EXECUTOR_POOL_SIZE: '1' });
    const orphan = await docker.createContainer({
      Image: imageTag('python'),
      Cmd: ['true'],
      Labels: { [SANDBOX_LABEL]: '1', [OWNER_LABEL]: config.owner },
    });
    expect(await owned(config.owner)).toBe(1);
    const app = await buildApp(config);
    const ids = (
      await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${config.owner}`] } })
    ).map((c) => c.Id);
    expect(ids).not.toContain(orphan.id);
    expect(ids.length).toBe(1); // the one warm language (testConfig: python)
    await app.close();
    expect(await owned(config.owner)).toBe(0);
  });

  it('[CFG4] EXECUTOR_POOL_LANGUAGES keeps only those languages warm; another still runs, in a sandbox started for it', async () => {
    const config = testConfig({ EXECUTOR_POOL_SIZE: '1', EXECUTOR_POOL_LANGUAGES: 'python, lua' });
    const app = await buildApp(config);
    try {
      expect(await owned(config.owner)).toBe(2);
      const { verdict, stdout } = await run(app, {
        language: 'javascript',
        files: [{ path: 'main.js', content: 'console.log(6 * 7)' }],
      });
      expect({ verdict, stdout }).toEqual({ verdict: 'ok', stdout: '42\n' });
      expect(app.sandbox.stats()).toMatchObject({ ready: { python: 1, lua: 1 }, misses: 1 });
      expect(Object.keys(app.sandbox.stats().ready).sort()).toEqual(['lua', 'python']);
      // The javascript job's sandbox is gone and none is started in its place.
      await until(async () => (await owned(config.owner)) === 2, 'only the two warm sandboxes left');
    } finally {
      await app.close();
    }
  });

  it('[CFG4] unset, EXECUTOR_POOL_LANGUAGES keeps every language with an image warm', async () => {
    const config = {
      ...(await testSandboxConfig()),
      poolLanguages: loadConfig({ EXECUTOR_SECRET: SECRET }).poolLanguages,
    };
    const pool = new SandboxPool(docker, config, { python: 'img-python', lua: 'img-lua' });
    expect(pool.warm()).toEqual(pool.languages());
    expect([...pool.languages()].sort()).toEqual(['lua', 'python']);
  });

  it("[OWN1] two executors on one Docker host with the default owner never remove each other's sandboxes", async () => {
    const config = () =>
      loadConfig({
        EXECUTOR_SECRET: SECRET,
        EXECUTOR_POOL_SIZE: '1',
        EXECUTOR_POOL_LANGUAGES: 'python,javascript',
        EXECUTOR_CONCURRENCY: '1',
      });
    const first = config();
    const second = config();
    expect(first.owner).not.toBe(second.owner);
    const a = await buildApp(first);
    const ownedByA = async () =>
      (await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${first.owner}`] } })).map(
        (c) => c.Id,
      );
    const before = await ownedByA();
    expect(before.length).toBe(2);
    const b = await buildApp(second);
    expect(await ownedByA()).toEqual(expect.arrayContaining(before));
    await b.close();
    expect(await ownedByA()).toEqual(expect.arrayContaining(before));
    await a.close();
    expect(await ownedByA()).toEqual([]);
  }, 120_000);

  it('[OWN2] removes at boot the sandboxes of an executor of this host whose process is gone', async () => {
    const dead = spawnSync('true').pid; // a pid that has exited
    const orphan = await docker.createContainer({
      Image: imageTag('python'),
      Cmd: ['true'],
      Labels: {
        [SANDBOX_LABEL]: '1',
        [OWNER_LABEL]: `executor-${dead}-deadbeef`,
        [HOST_LABEL]: hostname(),
        [PID_LABEL]: String(dead),
      },
    });
    const app = await buildApp(testConfig({ EXECUTOR_POOL_SIZE: '1' }));
    const all = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
    expect(all.map((c) => c.Id)).not.toContain(orphan.id);
    await app.close();
  }, 120_000);
});
