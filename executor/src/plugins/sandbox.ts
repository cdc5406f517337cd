/**
 * The sandboxes as a Fastify plugin: it finds the images, keeps the pool of
 * pre-started containers, and decorates the app with `app.sandbox`, the one way the
 * rest of the executor runs code. Registered before anything that runs jobs, so that
 * at close (hooks run last-added first) the jobs finish before the pool is removed.
 *
 * @example
 * await app.register(sandboxPlugin);
 * const outcome = await app.sandbox.run('python', input, { output: (stream, data) => … });
 */
import fp from 'fastify-plugin';
import type { JobRequest } from '../api';
import type { LanguageId } from '../languages';
import { PackageCache } from '../packages/cache';
import { runWithPackages } from '../packages/run';
import { findImages, type Images } from '../sandbox/images';
import { type PoolStats, SandboxPool } from '../sandbox/pool';
import { type RunInput, type RunListener, type RunOutcome, runInSandbox } from '../sandbox/run';
import { chooseRuntime, sandboxConfig } from '../sandbox/runtime';
import { openTerminal, type TerminalSandbox } from '../sandbox/terminal';

export interface SandboxService {
  /** The image of each language this engine has. */
  readonly images: Images;
  /** The OCI runtime every sandbox runs under (runsc: gVisor), chosen at boot. */
  readonly runtime: string;
  /** Why that runtime (the boot log's words, and /health's `runtimeWhy`). */
  readonly runtimeWhy: string;
  /** The languages this executor can run: those with an image. */
  languages(): LanguageId[];
  /** Runs one job in a fresh sandbox, which is removed afterwards. */
  run(language: LanguageId, input: RunInput, listener: RunListener): Promise<RunOutcome>;
  stats(): PoolStats;
  /** Installed library sets (packages/cache.ts). */
  readonly packages: PackageCache;
  /** A shared terminal's sandbox: never from the pool (its first process differs), removed when it closes. */
  terminal(language: LanguageId, files: JobRequest['files'], memoryMb: number): Promise<TerminalSandbox>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sandbox: SandboxService;
  }
}

export const sandboxPlugin = fp(
  async (app) => {
    const images = await findImages(app.docker);
    const runtime = await chooseRuntime(app.docker, app.config.runtime, app.config.env);
    app.log.info(`sandbox runtime: ${runtime.name} (${runtime.why})`);
    const config = sandboxConfig(app.config, runtime.name);
    const pool = new SandboxPool(app.docker, config, images);
    const packages = new PackageCache(app.config.packages);
    const service: SandboxService = {
      images,
      runtime: runtime.name,
      runtimeWhy: runtime.why,
      languages: () => pool.languages(),
      packages,
      async run(language, input, listener) {
        const image = images[language];
        if (input.packages?.length && image) {
          return runWithPackages(
            app.docker,
            config,
            packages,
            image,
            language,
            { ...input, packages: input.packages },
            listener,
          );
        }
        const sandbox = await pool.take(language, input.limits.memoryMb);
        try {
          return await runInSandbox(sandbox, input, listener);
        } finally {
          // After the job, not during it: a replacement starting now would compete
          // with the job for the engine and the CPU.
          pool.replenish(language);
        }
      },
      stats: () => pool.stats(),
      async terminal(language, files, memoryMb) {
        const image = images[language];
        if (!image) throw new Error(`this executor has no image for ${language}`);
        return openTerminal(app.docker, config, language, image, files, memoryMb);
      },
    };
    app.decorate('sandbox', service);
    // API nodes in cluster mode never run code: no containers there.
    if (app.config.role !== 'api') await pool.start();
    app.addHook('onClose', async () => pool.close());
  },
  { name: 'sandbox', decorators: { fastify: ['config', 'docker'] } },
);
