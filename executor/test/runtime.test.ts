/**
 * The sandbox runtime: gVisor (runsc) by default wherever Docker lists it, an explicit
 * EXECUTOR_RUNTIME checked against the engine at boot, and the hostile-program suite
 * run under both runtimes (vitest.config.ts, project executor-runsc).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import vitestConfig, { HOSTILE_FILES, RUNSC_ONLY_FILES } from '../../vitest.config';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DEFAULT_LIMITS } from '../src/limits';
import { OWNER_LABEL } from '../src/sandbox/container';
import { GVISOR_MIN_PIDS, pickRuntime, sandboxConfig } from '../src/sandbox/runtime';
import { run, SECRET, testConfig } from './helper';

const docker = new Docker();
const root = path.join(import.meta.dirname, '../..');
const UNAME = { language: 'python', files: [{ path: 'main.py', content: 'import os\nprint(os.uname().release)\n' }] };

/** Command lines of this host's processes that mention any of `ids` (runsc-sandbox, runsc-gofer, shims). */
function processesNaming(ids: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // it exited while we looked
    }
    if (ids.some((id) => cmdline.includes(id))) found.push(cmdline);
  }
  return found;
}

describe('choosing the runtime', () => {
  it('[RT1] unset, it is runsc wherever Docker lists it, else runc saying the host kernel is shared', () => {
    expect(pickRuntime(['runc', 'runsc'], null, 'development')).toMatchObject({
      name: 'runsc',
      why: expect.stringContaining('gVisor'),
    });
    expect(pickRuntime(['runc', 'runsc'], null, 'production').name).toBe('runsc');
    expect(pickRuntime(['io.containerd.runc.v2', 'runc'], null, 'development')).toMatchObject({
      name: 'runc',
      why: expect.stringContaining('share the host kernel'),
    });
    expect(pickRuntime(['runc', 'runsc'], 'runc', 'production')).toMatchObject({
      name: 'runc',
      why: 'EXECUTOR_RUNTIME',
    });
  });

  it('[RT6] in production, a host whose Docker does not list runsc refuses to boot unless EXECUTOR_RUNTIME=runc says so', () => {
    expect(() => pickRuntime(['runc'], null, 'production')).toThrow(
      'EXECUTOR_RUNTIME: unset, and Docker does not list runsc: production isolates with gVisor',
    );
    expect(pickRuntime(['runc'], 'runc', 'production').name).toBe('runc');
  });

  it('[RT2] a runtime Docker does not list is refused, naming EXECUTOR_RUNTIME and what Docker lists', () => {
    expect(() => pickRuntime(['runc'], 'runsc', 'development')).toThrow(
      'EXECUTOR_RUNTIME: Docker does not list a runtime "runsc" (it lists runc)',
    );
  });

  it('[RT3] under gVisor the pids limit is at least what its own threads need; runc keeps the configured one', () => {
    const config = testConfig({ EXECUTOR_PIDS_LIMIT: '128' });
    expect(sandboxConfig(config, 'runsc').pidsLimit).toBe(GVISOR_MIN_PIDS);
    expect(sandboxConfig(config, 'runc').pidsLimit).toBe(128);
  });
});

describe('booting against the real engine', () => {
  it('[RT2] an executor asked for a runtime this engine does not list does not boot, and leaves no container', async () => {
    const config = testConfig({ EXECUTOR_RUNTIME: 'kata-runtime' });
    await expect(buildApp(config)).rejects.toThrow('EXECUTOR_RUNTIME: Docker does not list a runtime "kata-runtime"');
    const left = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${config.owner}`] } });
    expect(left).toEqual([]);
  });

  it('[RT2] the server process exits 2 with that message', () => {
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['executor/src/server.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        EXECUTOR_SECRET: SECRET,
        EXECUTOR_RUNTIME: 'kata-runtime',
        EXECUTOR_POOL_SIZE: '0',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('EXECUTOR_RUNTIME: Docker does not list a runtime "kata-runtime"');
  });

  it("[RT1] unset, the executor runs programs under gVisor: /health says runsc and why, and the program sees a kernel not the host's", async () => {
    const listed = Object.keys(((await docker.info()) as { Runtimes: object }).Runtimes);
    expect(listed).toContain('runsc'); // executor/scripts/gvisor.sh, run by .ci/run
    const config = loadConfig({
      EXECUTOR_SECRET: SECRET,
      EXECUTOR_POOL_SIZE: '1',
      EXECUTOR_OWNER: `rt-${process.pid}`,
    });
    const app = await buildApp(config);
    try {
      const health = (await app.inject({ method: 'GET', url: '/health' })).json();
      expect(health).toMatchObject({ ok: true, runtime: 'runsc', runtimeWhy: expect.stringContaining('gVisor') });
      const result = await run(app, UNAME);
      expect(result.verdict).toBe('ok');
      expect(result.stdout.trim()).not.toBe(release());
    } finally {
      const ids = (
        await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${config.owner}`] } })
      ).map((c) => c.Id);
      expect(ids.length).toBeGreaterThan(0);
      await app.close();
      // runsc-sandbox and runsc-gofer end with their containers: nothing of them is left.
      expect(processesNaming(ids)).toEqual([]);
    }
  }, 120_000);

  it('[RT1] EXECUTOR_RUNTIME=runc runs programs on the host kernel', async () => {
    const app = await buildApp(testConfig({ EXECUTOR_RUNTIME: 'runc' }));
    try {
      expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ runtime: 'runc' });
      expect((await run(app, UNAME)).stdout.trim()).toBe(release());
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('memory limits under gVisor', () => {
  it('[RT5] a job with its own memory limit gets a sandbox started at it; the default job a pre-started one', async () => {
    const app = await buildApp(testConfig({ EXECUTOR_RUNTIME: 'runsc' }));
    // gVisor reports the sandbox's memory limit as the machine's memory.
    const MEMINFO = {
      language: 'python',
      files: [{ path: 'main.py', content: 'print(open("/proc/meminfo").readline())' }],
    };
    try {
      const own = await run(app, { ...MEMINFO, limits: { memoryMb: 128 } });
      expect(own.stdout).toMatch(/MemTotal:\s+131072 kB/);
      const before = app.sandbox.stats();
      const standard = await run(app, MEMINFO);
      expect(standard.stdout).toMatch(new RegExp(`MemTotal:\\s+${DEFAULT_LIMITS.memoryMb * 1024} kB`));
      expect(app.sandbox.stats().hits).toBe(before.hits + 1);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('the hostile-program suite', () => {
  it('[RT4] runs under runsc as well as runc: every file that runs hostile programs is in both projects', async () => {
    const projects = (await vitestConfig({ command: 'serve', mode: 'test' })).test?.projects as {
      test: { name: string; include: string[]; exclude?: string[]; env?: Record<string, string> };
    }[];
    const find = (name: string) => {
      const project = projects.find((p) => p.test.name === name)?.test;
      if (!project) throw new Error(`vitest.config.ts has no project ${name}`);
      return project;
    };
    const [runc, runsc] = [find('executor'), find('executor-runsc')];
    expect(runsc.env?.EXECUTOR_RUNTIME).toBe('runsc');
    expect(runsc.include).toEqual([...HOSTILE_FILES, ...RUNSC_ONLY_FILES]);
    // …and under runc, where every executor test file runs but the runsc-only ones.
    expect(runc.env?.EXECUTOR_RUNTIME).toBe('runc');
    expect(runc.include).toEqual(['executor/test/**/*.test.ts']);
    expect(runc.exclude).toEqual(expect.arrayContaining(RUNSC_ONLY_FILES));
    for (const file of HOSTILE_FILES) expect(file).toMatch(/^executor\/test\/.+\.test\.ts$/);
  });
});
