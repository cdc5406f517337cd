/**
 * Graceful drain on SIGTERM or SIGINT (systemd stop, an Auto Scaling scale-in, a deploy):
 * take no new work, finish what runs, leave what was not started for other nodes, exit.
 *
 * - HTTP: `app.close()` stops listening, so the load balancer's health check fails and
 *   it sends no more jobs, while requests already in flight are answered.
 * - SQS worker: no new receive; a message that arrives during the drain is made visible
 *   again at once (queue/sqs.ts close), so another node takes it without waiting out
 *   its visibility timeout. Running jobs finish, deliver their events and delete their
 *   messages; then the sandbox pool is removed.
 * - Past DRAIN_DEADLINE_MS the process exits anyway: the messages of jobs still running
 *   were never deleted, so SQS hands them to another node after their visibility timeout.
 *
 * @example
 * const app = await buildApp(config);
 * drainOnSignals(app);
 * await app.listen({ port: config.port });
 */
import type { FastifyInstance } from 'fastify';
import { DRAIN_DEADLINE_MS } from './limits';

export function drainOnSignals(
  app: FastifyInstance,
  { deadlineMs = DRAIN_DEADLINE_MS, exit = (code: number) => process.exit(code) } = {},
): void {
  let draining = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (draining) return;
      draining = true;
      app.log.info(
        `${signal}: draining: no new jobs, ${app.queue.running()} running job(s) finish, sandboxes are removed`,
      );
      const giveUp = setTimeout(() => {
        app.log.error(`drain took longer than ${deadlineMs} ms; exiting, unfinished jobs are redelivered by SQS`);
        exit(1);
      }, deadlineMs);
      giveUp.unref();
      app.close().then(
        () => {
          app.log.info('drained; exiting');
          exit(0);
        },
        (error: Error) => {
          app.log.error(error);
          exit(1);
        },
      );
    });
  }
}
