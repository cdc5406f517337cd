/**
 * Boot and shutdown: configuration is checked before anything starts; orphaned
 * sandboxes are removed at boot and on close.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { OWNER_LABEL, SANDBOX_LABEL } from '../src/sandbox/container';
import { imageTag } from '../src/sandbox/imageTags.mjs';
import { SECRET, testConfig } from './helper';

const docker = new Docker();
const owned = async (owner: string) =>
  (await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } })).length;

describe('configuration', () => {
  it.each([
    [{}, 'EXECUTOR_SECRET'],
    [{ EXECUTOR_SECRET: 'short' }, 'EXECUTOR_SECRET: must be at least 32 characters'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_PORT: 'eighty' }, 'EXECUTOR_PORT'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_RUNTIME: 'kata' }, 'EXECUTOR_RUNTIME'],
    [{ EXECUTOR_SECRET: SECRET, EXECUTOR_QUEUE: 'sqs' }, 'SQS_QUEUE_URL: required when EXECUTOR_QUEUE=sqs'],
  ])('[CFG3] refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('gVisor gets a pids limit its own threads fit in', () => {
    expect(loadConfig({ EXECUTOR_SECRET: SECRET, EXECUTOR_RUNTIME: 'runsc' }).pidsLimit).toBeGreaterThanOrEqual(512);
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
    expect(ids.length).toBe(app.sandbox.languages().length); // one pre-started sandbox each
    await app.close();
    expect(await owned(config.owner)).toBe(0);
  });
});
