/**
 * POST /v1/jobs and GET /v1/jobs/:id, both HMAC-signed (api.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobRequest, jobResult, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../api';
import { callbackProblem } from '../config';
import { ApiError } from '../errors';
import { LANGUAGES } from '../languages';
import {
  MAX_JOBS_PER_TENANT,
  MAX_SEEN_SIGNATURES,
  MAX_TEST_RUN_MS,
  MAX_TOTAL_FILE_BYTES,
  SIGNATURE_TOLERANCE_S,
} from '../limits';
import { QueueFullError, TerminalsFullError } from '../queue/queue';
import { checkSigned, ReplayGuard } from '../signing';

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  // A job request is run once: its signature again within the tolerance is a replay
  // (SPEC EXEC17). Looking a job up is harmless to repeat, so GETs are not tracked.
  const taken = new ReplayGuard(SIGNATURE_TOLERANCE_S, MAX_SEEN_SIGNATURES);
  // Every request here must be signed over its raw body, checked before validation
  // so that an unsigned request learns nothing about the schema.
  app.addHook('preValidation', async (request) => {
    const check = await checkSigned(app.config.secret, request);
    if (!check.ok) throw new ApiError(401, 'unauthorized', `Request not signed correctly: ${check.reason}.`);
    if (request.method !== 'POST') return;
    const seen = taken.check(
      request.headers[SIGNATURE_HEADER] as string,
      Number(request.headers[TIMESTAMP_HEADER] as string),
    );
    if (seen === 'replayed') {
      throw new ApiError(
        409,
        'replayed',
        `This signed request was already received (the same ${SIGNATURE_HEADER} within ${SIGNATURE_TOLERANCE_S} s): ` +
          'a job request is run once. Sign each request afresh, even to send the same job again.',
      );
    }
    if (seen === 'full') {
      throw new ApiError(503, 'busy', 'The executor is taking too many requests; retry in 5 s.', {
        'retry-after': '5',
      });
    }
  });

  app.post(
    '/v1/jobs',
    {
      schema: {
        description: 'Run a job. With ?wait=true the answer is the result; otherwise 202 and events go to callbackUrl.',
        querystring: z.object({ wait: z.enum(['true', 'false']).optional() }),
        body: jobRequest,
        response: {
          200: jobResult,
          202: z.object({ id: z.string() }),
          400: errorBody,
          401: errorBody,
          409: errorBody,
          429: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => {
      const job = request.body;
      const { maxima } = app.config;
      for (const key of ['timeMs', 'memoryMb', 'outputKb'] as const) {
        const value = job.limits?.[key];
        if (value !== undefined && value > maxima[key]) {
          throw new ApiError(400, 'bad_request', `limits.${key}: must be at most ${maxima[key]} on this executor`);
        }
      }
      if (job.tests) {
        let total = 0;
        for (const [i, testCase] of job.tests.entries()) {
          const timeMs = testCase.timeMs ?? job.limits?.timeMs ?? app.config.defaults.timeMs;
          if (timeMs > maxima.timeMs) {
            throw new ApiError(
              400,
              'bad_request',
              `tests.${i}.timeMs: must be at most ${maxima.timeMs} on this executor`,
            );
          }
          total += timeMs;
        }
        if (total > MAX_TEST_RUN_MS) {
          throw new ApiError(
            400,
            'bad_request',
            `tests: the cases' time limits together must be at most ${MAX_TEST_RUN_MS} ms; send fewer cases or shorter limits`,
          );
        }
      }
      const badCallback = job.callbackUrl ? callbackProblem(app.config, job.callbackUrl) : null;
      if (badCallback) throw new ApiError(400, 'bad_request', badCallback);
      const paths = new Set<string>();
      let total = 0;
      for (const [i, file] of job.files.entries()) {
        if (paths.has(file.path))
          throw new ApiError(400, 'bad_request', `files.${i}.path: "${file.path}" appears twice`);
        paths.add(file.path);
        total += Buffer.byteLength(file.content);
      }
      if (total > MAX_TOTAL_FILE_BYTES) {
        throw new ApiError(400, 'bad_request', `files: together must be at most ${MAX_TOTAL_FILE_BYTES} bytes`);
      }
      const entry = job.entry ?? LANGUAGES[job.language].entry;
      if (!paths.has(entry)) {
        throw new ApiError(400, 'bad_request', `entry: no file named "${entry}" in files; name the file to run`);
      }
      const wait = request.query.wait === 'true';
      if (wait && app.config.queue === 'sqs' && app.config.role === 'api') {
        throw new ApiError(400, 'bad_request', 'wait: ?wait=true needs an executor that runs jobs; use a callbackUrl');
      }

      const accepted = app.jobs.create(randomUUID(), job);
      try {
        await app.queue.submit(accepted);
      } catch (error) {
        app.jobs.discard(accepted.id); // refused: nobody will ever run or ask for it
        // Not 503: the room shows a refusal's own words (a busy answer gets its generic line).
        if (error instanceof TerminalsFullError) throw new ApiError(429, 'terminals_full', error.message);
        if (!(error instanceof QueueFullError)) throw error;
        const why =
          error.scope === 'tenant'
            ? `This room already has ${MAX_JOBS_PER_TENANT} jobs queued or running; retry in ${error.retryAfterS} s.`
            : `The executor is busy; retry in ${error.retryAfterS} s.`;
        throw new ApiError(503, 'busy', why, {
          'retry-after': String(error.retryAfterS),
        });
      }
      app.metrics.queueDepth.set(app.queue.depth());
      if (!wait) return reply.code(202).send({ id: accepted.id });
      return reply.code(200).send(await app.jobs.done(accepted.id));
    },
  );

  app.get(
    '/v1/jobs/:id',
    {
      schema: {
        description: 'A job and its result, kept for a while after it finishes.',
        params: z.object({ id: z.string() }),
        response: { 200: jobResult, 404: errorBody },
      },
    },
    async (request) => {
      const result = app.jobs.result(request.params.id);
      // In a cluster a node keeps only the jobs it took or ran: another node may hold this
      // one, so "not here" is not "lost" (the room keeps waiting until the run's deadline).
      if (!result && app.config.queue === 'sqs') {
        throw new ApiError(404, 'not_here', 'This node did not take this job; in a cluster another node may have it.');
      }
      if (!result) throw new ApiError(404, 'not_found', 'No job with this id here (results are kept 15 minutes).');
      return result;
    },
  );
};
