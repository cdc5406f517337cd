/**
 * One sandbox: a fresh, locked-down container that runs exactly one job and is then
 * removed. It is created and started ahead of time (pool.ts), blocked reading its
 * stdin, so a job only pays for writing its payload.
 */
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { SandboxMount } from '../packages/mount';
import type { SandboxConfig } from './runtime';

export const SANDBOX_LABEL = 'codesync.sandbox';
/**
 * The runner's only capabilities: SETUID and SETGID to become the runner uid and start
 * programs under the program uid, KILL to end a test case's processes, SETPCAP to empty
 * the program's bounding set. The program keeps none of them.
 */
export const RUNNER_CAPABILITIES = ['SETUID', 'SETGID', 'KILL', 'SETPCAP'];

const removals = new Set<Promise<void>>();

/**
 * Removes a used container (killing whatever it still runs) off the job's critical
 * path; `settleRemovals` waits for them, e.g. at shutdown.
 */
export function removeInBackground(container: Docker.Container): void {
  const removal = container.remove({ force: true }).then(
    () => undefined,
    (error: { statusCode?: number; message: string }) => {
      // 404: already gone; 409: removal already in progress. Anything else is worth a line.
      if (error.statusCode !== 404 && error.statusCode !== 409)
        console.error(`removing a sandbox failed: ${error.message}`);
    },
  );
  removals.add(removal);
  removal.finally(() => removals.delete(removal));
}

export async function settleRemovals(): Promise<void> {
  await Promise.all(removals);
}
export const OWNER_LABEL = 'codesync.owner';
/**
 * Where the owning executor runs (host name and pid): a later executor on the same host
 * removes sandboxes whose owner process is gone, and never those of a live one.
 */
export const HOST_LABEL = 'codesync.host';
export const PID_LABEL = 'codesync.pid';

export interface Sandbox {
  container: Docker.Container;
  stream: Duplex;
  language: string;
  memoryMb: number;
}

/**
 * The one locked-down container spec every sandbox is created with (runs, analyses and
 * terminals alike): no network, read-only root, all capabilities dropped, no new
 * privileges, memory = memory + swap, CPU quota, pids limit, non-root, no logs.
 */
export function sandboxSpec(
  config: SandboxConfig,
  language: string,
  image: string,
  memoryMb: number,
  mount?: SandboxMount,
): Docker.ContainerCreateOptions {
  const memory = memoryMb * 1024 * 1024;
  return {
    Image: image,
    Cmd: ['/usr/bin/perl', '/opt/codesync/runner.pl'],
    // Root with only what the runner needs to drop itself and the program to two uids of
    // their own and to kill the program's processes (languages/base/runner.pl, "Two uids").
    User: '0:0',
    WorkingDir: '/tmp',
    // Only what the image sets: no variable of the host (no secret) reaches a sandbox.
    Env: mount?.env ?? [],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: {
      [SANDBOX_LABEL]: '1',
      [OWNER_LABEL]: config.owner,
      [HOST_LABEL]: hostname(),
      [PID_LABEL]: String(process.pid),
      'codesync.language': language,
    },
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,exec,nosuid,nodev,size=${config.tmpMb}m,mode=1777` },
      Memory: memory,
      MemorySwap: memory, // memory + swap = memory: no swap
      NanoCpus: Math.round(config.cpus * 1e9),
      PidsLimit: config.pidsLimit,
      CapDrop: ['ALL'],
      CapAdd: RUNNER_CAPABILITIES,
      SecurityOpt: ['no-new-privileges'],
      LogConfig: { Type: 'none', Config: {} },
      ShmSize: 8 * 1024 * 1024,
      IpcMode: 'private',
      Runtime: config.runtime,
      Binds: mount?.binds,
      Ulimits: [
        { Name: 'core', Soft: 0, Hard: 0 },
        { Name: 'nofile', Soft: 256, Hard: 256 },
      ],
    },
  };
}

export async function createSandbox(
  docker: Docker,
  config: SandboxConfig,
  language: string,
  image: string,
  memoryMb: number,
  mount?: SandboxMount,
): Promise<Sandbox> {
  const container = await docker.createContainer(sandboxSpec(config, language, image, memoryMb, mount));
  try {
    const stream = await attachAll(container);
    await container.start();
    return { container, stream, language, memoryMb };
  } catch (error) {
    removeInBackground(container);
    throw error;
  }
}

/** The container's stdin, stdout and stderr as one hijacked stream (attached before it starts, so nothing is missed). */
export async function attachAll(container: Docker.Container): Promise<Duplex> {
  return (await container.attach({
    stream: true,
    hijack: true,
    stdin: true,
    stdout: true,
    stderr: true,
  })) as unknown as Duplex;
}
