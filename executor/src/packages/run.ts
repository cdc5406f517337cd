/**
 * A job that asks for packages: its set comes from the cache (installed first when no
 * job has asked for it yet), and it runs in a sandbox created for it with the set
 * mounted, since a pre-started one cannot gain a mount. A set that cannot be installed
 * ends the job before any sandbox exists, as a compile error that names the package.
 */
import type Docker from 'dockerode';
import { createSandbox } from '../sandbox/container';
import { type RunInput, type RunListener, type RunOutcome, runInSandbox } from '../sandbox/run';
import type { SandboxConfig } from '../sandbox/runtime';
import type { PackageCache, PackageLease } from './cache';
import { PackageError } from './install';
import { packagesMount } from './mount';
import { type PackageLanguage, packagesProblem, takesPackages } from './specs';

export async function runWithPackages(
  docker: Docker,
  config: SandboxConfig,
  cache: PackageCache,
  image: string,
  language: string,
  input: RunInput & { packages: string[] },
  listener: RunListener,
): Promise<RunOutcome> {
  // Checked at the edge already; again here, where the specs become a tool's arguments.
  const problem = packagesProblem(language, input.packages);
  if (problem || !takesPackages(language))
    return refused(problem ?? `packages: ${language} takes no packages`, listener);
  let lease: PackageLease;
  try {
    lease = await cache.lease(language as PackageLanguage, input.packages);
  } catch (error) {
    if (error instanceof PackageError) return refused(error.message, listener);
    throw error;
  }
  // Held until the sandbox is gone: the cache never removes a set a run has mounted.
  try {
    const mount = packagesMount(language, lease.dir);
    const sandbox = await createSandbox(docker, config, language, image, input.limits.memoryMb, mount);
    return await runInSandbox(sandbox, input, listener);
  } finally {
    lease.release();
  }
}

function refused(message: string, listener: RunListener): RunOutcome {
  listener.output('compile', `${message}\n`);
  return {
    verdict: 'compile_error',
    killedFor: null,
    compileStatus: 1,
    exitStatus: null,
    containerExit: null,
    oomKilled: false,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    compileOutput: `${message}\n`,
    analysisOutput: '',
    timeMs: null,
    memoryKb: null,
    compileTimeMs: null,
    compileMemoryKb: null,
    truncated: false,
  };
}
