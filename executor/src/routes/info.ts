/**
 * GET /v1/languages, /health and /metrics: what this executor runs and how it is.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors';
import { LANGUAGES } from '../languages';
import { hasBearer } from '../signing';

export const infoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/languages',
    {
      schema: {
        description: 'The languages this executor runs.',
        response: {
          200: z.object({
            languages: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                version: z.string(),
                extensions: z.array(z.string()),
                entry: z.string(),
                analyzer: z.string(),
                libraries: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      languages: app.sandbox.languages().map((id) => {
        const { name, version, extensions, entry, analyzer, libraries } = LANGUAGES[id];
        return { id, name, version, extensions, entry, analyzer: analyzer.tool, libraries };
      }),
    }),
  );

  app.get(
    '/health',
    { schema: { description: 'Engine reachable, images present, pool and queue state.' } },
    async (_r, reply) => {
      let engine = true;
      try {
        await app.docker.ping();
      } catch {
        engine = false; // reported below as a 503, not thrown
      }
      const body = {
        ok: engine && app.sandbox.languages().length > 0,
        engine,
        runtime: app.sandbox.runtime,
        runtimeWhy: app.sandbox.runtimeWhy,
        images: app.sandbox.images,
        pool: app.sandbox.stats(),
        queue: { mode: app.config.queue, waiting: app.queue.depth(), running: app.queue.running() },
      };
      return reply.code(body.ok ? 200 : 503).send(body);
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // Open in development; production config requires EXECUTOR_METRICS_TOKEN (hole 13).
    const token = app.config.metricsToken;
    if (token && !hasBearer(request, token)) {
      throw new ApiError(401, 'unauthorized', '/metrics needs Authorization: Bearer <EXECUTOR_METRICS_TOKEN>.');
    }
    app.metrics.queueDepth.set(app.queue.depth());
    app.metrics.running.set(app.queue.running());
    for (const [language, ready] of Object.entries(app.sandbox.stats().ready)) {
      app.metrics.sandboxesReady.set({ language }, ready);
    }
    return reply.type(app.metrics.registry.contentType).send(await app.metrics.registry.metrics());
  });
};
