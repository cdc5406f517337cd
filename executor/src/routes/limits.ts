/**
 * GET /v1/limits: the limits a job may set on this executor (SPEC LIM1). `defaults`
 * apply when a job names none; `maxima` are the configured EXECUTOR_MAX_* (a job past
 * one is refused, never capped); `floors` are the least a job may ask for. Signed like
 * every /v1 request: what an executor is configured with is the operator's business.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors';
import { FLOORS } from '../limits';
import { checkSigned } from '../signing';

const limitSet = z.object({ timeMs: z.number().int(), memoryMb: z.number().int(), outputKb: z.number().int() });

export const runLimitsAnswer = z.object({ defaults: limitSet, maxima: limitSet, floors: limitSet });
export type RunLimitsAnswer = z.infer<typeof runLimitsAnswer>;

export const limitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', async (request) => {
    const check = await checkSigned(app.config.secret, request);
    if (!check.ok) throw new ApiError(401, 'unauthorized', `Request not signed correctly: ${check.reason}.`);
  });

  app.get(
    '/v1/limits',
    {
      schema: {
        description: 'The time, memory and output limits a job may set here: defaults, maxima and floors.',
        response: { 200: runLimitsAnswer },
      },
    },
    async () => ({ defaults: app.config.defaults, maxima: app.config.maxima, floors: { ...FLOORS } }),
  );
};
