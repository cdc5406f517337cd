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
import type { LanguageId } from '../languages';
import { findImages, type Images } from '../sandbox/images';
import { type PoolStats, SandboxPool } from '../sandbox/pool';
import { type RunInput, type RunListener, type RunOutcome, runInSandbox } from '../sandbox/run';

export interface SandboxService {
  /** The image of each language this engine has. */
  readonly images: Images;
  /** The languages this executor can run: those with an image. */
  languages(): LanguageId[];
  /** Runs one job in a fresh sandbox, which is removed afterwards. */
  run(language: LanguageId, input: RunInput, listener: RunListener): Promise<RunOutcome>;
  stats(): PoolStats;
}

declare module 'fastify' {
  interface FastifyInstance {
    sandbox: SandboxService;
  }
}

export const sandboxPlugin = fp(
  async (app) => {
    const images = await findImages(app.docker);
    const pool = new SandboxPool(app.docker, app.config, images);
    const service: SandboxService = {
      images,
      languages: () => pool.languages(),
      async run(language, input, listener) {
        const sandbox = await pool.take(language);
        try {
          return await runInSandbox(sandbox, input, listener);
        } finally {
          // After the job, not during it: a replacement starting now would compete
          // with the job for the engine and the CPU.
          pool.replenish(language);
        }
      },
      stats: () => pool.stats(),
    };
    app.decorate('sandbox', service);
    // API nodes in cluster mode never run code: no containers there.
    if (app.config.role !== 'api') await pool.start();
    app.addHook('onClose', async () => pool.close());
  },
  { name: 'sandbox', decorators: { fastify: ['config', 'docker'] } },
);
