/**
 * Which OCI runtime runs the sandboxes, chosen once at boot: gVisor's `runsc` (a kernel
 * of its own between the program and the host's) wherever Docker lists it, unless
 * EXECUTOR_RUNTIME names another (`npm run dev` and the e2e stack name runc: cheaper per
 * run, docs/SANDBOX.md). A name Docker does not list stops the boot, so a typo never falls
 * back quietly; so does a production executor (EXECUTOR_ENV=production) on a host where
 * gVisor is missing, unless EXECUTOR_RUNTIME=runc accepts the host's kernel by name.
 *
 * @example
 * const runtime = await chooseRuntime(docker, config.runtime, config.env); // { name: 'runsc', why: '…' }
 * const pool = new SandboxPool(docker, sandboxConfig(config, runtime.name), images);
 */
import type Docker from 'dockerode';
import { type Config, ConfigError } from '../config';

export const GVISOR = 'runsc';
/** gVisor counts its own threads (sentry, gofer) against the container's pids limit. */
export const GVISOR_MIN_PIDS = 512;

/**
 * Whether a running sandbox's memory limit can be changed (`docker update`): Debian's
 * runsc (2022) has no `update` command, so a job with its own limit needs a sandbox
 * started at that limit.
 */
export function updatesMemory(runtime: string): boolean {
  return runtime !== GVISOR;
}

export interface RuntimeChoice {
  name: string;
  /** Why this one, for the boot log. */
  why: string;
}

/** The configuration a sandbox is started with: the runtime is no longer a choice. */
export type SandboxConfig = Config & { runtime: string };

export async function chooseRuntime(
  docker: Docker,
  requested: string | null,
  env: Config['env'],
): Promise<RuntimeChoice> {
  const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
  return pickRuntime(Object.keys(info.Runtimes ?? {}), requested, env);
}

/** The choice itself, from the runtimes Docker lists (`docker info`). */
export function pickRuntime(listed: string[], requested: string | null, env: Config['env']): RuntimeChoice {
  const invalid = (why: string) => new ConfigError(`Invalid executor configuration:\n  EXECUTOR_RUNTIME: ${why}`);
  if (requested !== null) {
    if (listed.includes(requested)) return { name: requested, why: 'EXECUTOR_RUNTIME' };
    throw invalid(
      `Docker does not list a runtime "${requested}" (it lists ${listed.join(', ') || 'none'}): ` +
        'register it in /etc/docker/daemon.json (executor/scripts/gvisor.sh does so for runsc) or name one of those',
    );
  }
  if (listed.includes(GVISOR)) return { name: GVISOR, why: 'Docker lists runsc: sandboxes isolate with gVisor' };
  if (env === 'production') {
    throw invalid(
      'unset, and Docker does not list runsc: production isolates with gVisor. Register it ' +
        '(executor/scripts/gvisor.sh, docs/SANDBOX.md) or set EXECUTOR_RUNTIME=runc to share the host kernel knowingly',
    );
  }
  return {
    name: 'runc',
    why: 'Docker does not list runsc, so sandboxes share the host kernel (executor/scripts/gvisor.sh installs gVisor)',
  };
}

/** `config` with the runtime chosen and a pids limit that runtime's own threads fit in. */
export function sandboxConfig(config: Config, runtime: string): SandboxConfig {
  const pidsLimit = runtime === GVISOR ? Math.max(GVISOR_MIN_PIDS, config.pidsLimit) : config.pidsLimit;
  return { ...config, runtime, pidsLimit };
}
