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
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { ApiError, registerErrorHandler } from './errors';
import { JobExecutor } from './jobs/execute';
import { JobStore } from './jobs/store';
import { MAX_STDIN_BYTES, MAX_TOTAL_FILE_BYTES } from './limits';
import { Metrics } from './metrics';
import { sandboxPlugin } from './plugins/sandbox';
import { MemoryQueue } from './queue/memory';
import type { JobQueue } from './queue/queue';
import { SqsQueue } from './queue/sqs';
import { infoRoutes } from './routes/info';
import { jobRoutes } from './routes/jobs';
import { limitRoutes } from './routes/limits';
import { checkSigned } from './signing';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    docker: Docker;
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
    // Filling the pool at boot starts a sandbox per language (and per pool slot): under
    // gVisor on a loaded host that passes Fastify's 10 s default (docs/SANDBOX.md).
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Keep the raw body: signatures are over the exact bytes sent. Fastify stops reading
  // at bodyLimit while streaming; the signature is checked here, before JSON.parse, so
  // an unsigned body is never parsed (issue #10 hole 13).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, async (request: FastifyRequest, body: string) => {
    request.rawBody = body;
    const check = await checkSigned(config.secret, request);
    if (!check.ok) throw new ApiError(401, 'unauthorized', `Request not signed correctly: ${check.reason}.`);
    try {
      return body === '' ? {} : JSON.parse(body);
    } catch {
      throw new ApiError(400, 'bad_json', 'The request body is not valid JSON.');
    }
  });
  registerErrorHandler(app);

  for (const warning of config.warnings) console.warn(`executor configuration: ${warning}`);
  const docker = options.docker ?? new Docker();
  app.decorate('config', config);
  app.decorate('docker', docker);
  app.decorate('metrics', new Metrics());
  // First: hooks run last-added first at close, so the queue below drains its running
  // jobs before the sandbox plugin removes the pool.
  await app.register(sandboxPlugin);

  const jobs = new JobStore();
  const executor = new JobExecutor(app.sandbox, jobs, config, app.metrics);
  const queue: JobQueue =
    config.queue === 'sqs'
      ? new SqsQueue(config, jobs, (job) => executor.execute(job))
      : new MemoryQueue(
          config.concurrency,
          config.maxQueue,
          (job, free) => executor.execute(job, free),
          (job, position) => executor.queued(job, position),
          config.terminalConcurrency,
        );
  app.decorate('jobs', jobs);
  app.decorate('queue', queue);
  app.addHook('onClose', async () => {
    await queue.close();
    await executor.settle(); // analyses run after their job's slot is free (jobs/execute.ts)
  });

  await app.register(swagger, {
    openapi: { info: { title: 'CodeSync executor', version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });
  // The API's map is for developers; production does not hand it to everyone (hole 13).
  if (config.env !== 'production') await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(jobRoutes);
  await app.register(infoRoutes);
  await app.register(limitRoutes);
  return app;
}
