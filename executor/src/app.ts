/**
 * The executor as a Fastify plugin-built app. It never listens (server.ts does), so
 * tests build it and use `app.inject`.
 *
 * @example
 * const app = await buildApp(loadConfig());
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Docker from 'dockerode';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { imageExists, imageTag } from '../scripts/images.mjs';
import type { Config } from './config';
import { registerErrorHandler } from './errors';
import { JobExecutor } from './jobs/execute';
import { JobStore } from './jobs/store';
import { LANGUAGE_IDS, type LanguageId } from './languages';
import { MAX_STDIN_BYTES, MAX_TOTAL_FILE_BYTES } from './limits';
import { Metrics } from './metrics';
import { MemoryQueue } from './queue/memory';
import type { JobQueue } from './queue/queue';
import { SqsQueue } from './queue/sqs';
import { infoRoutes } from './routes/info';
import { jobRoutes } from './routes/jobs';
import { SandboxPool } from './sandbox/pool';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    docker: Docker;
    images: Partial<Record<LanguageId, string>>;
    pool: SandboxPool;
    jobs: JobStore;
    queue: JobQueue;
    metrics: Metrics;
  }
  interface FastifyRequest {
    rawBody?: string;
  }
}

export async function buildApp(
  config: Config,
  options: { docker?: Docker; logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Files and stdin at their maxima, plus JSON overhead.
    bodyLimit: MAX_TOTAL_FILE_BYTES + MAX_STDIN_BYTES + 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Keep the raw body: signatures are over the exact bytes sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400, code: 'bad_json' }));
    }
  });
  registerErrorHandler(app);

  const docker = options.docker ?? new Docker();
  const images: Partial<Record<LanguageId, string>> = {};
  for (const id of LANGUAGE_IDS) {
    const tag = imageTag(id) as string;
    if (imageExists(tag)) images[id] = tag;
  }
  const metrics = new Metrics();
  const pool = new SandboxPool(docker, config, images);
  const jobs = new JobStore();
  const executor = new JobExecutor(pool, config, metrics);
  const queue: JobQueue =
    config.queue === 'sqs'
      ? new SqsQueue(config, jobs, (record) => executor.execute(record))
      : new MemoryQueue(config.concurrency, config.maxQueue, (record) => executor.execute(record));

  app.decorate('config', config);
  app.decorate('docker', docker);
  app.decorate('images', images);
  app.decorate('pool', pool);
  app.decorate('jobs', jobs);
  app.decorate('queue', queue);
  app.decorate('metrics', metrics);

  await app.register(swagger, {
    openapi: { info: { title: 'CodeSync executor', version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(jobRoutes);
  await app.register(infoRoutes);

  if (config.role !== 'api') await pool.start();
  app.addHook('onClose', async () => {
    await queue.close();
    await pool.close();
  });
  return app;
}
