/**
 * The whole product for a test file: a real executor (Docker) and `wrangler dev`
 * (worker + web assets), sharing a fresh secret.
 */
import { randomBytes } from 'node:crypto';
import { startExecutor } from '../../scripts/lib/executor.mjs';
import { freePort } from '../../scripts/lib/processes.mjs';
import { startWorker, type Worker } from './worker';

export interface Stack {
  worker: Worker;
  /** The secret the executor and the worker share (tests check it never leaks). */
  secret: string;
  /** Kills (SIGKILL) or stops the executor. */
  stopExecutor(signal?: NodeJS.Signals): Promise<void>;
  startExecutor(): Promise<void>;
  /** What the executor printed last (its errors): for a test's failure message. */
  executorOutput(): string;
  dispose(): Promise<void>;
}

/** `executorEnv` adds executor settings (e.g. a tiny queue). */
export async function startStack(executorEnv: Record<string, string> = {}): Promise<Stack> {
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const workerPort: number = await freePort();
  const launch = () =>
    startExecutor({
      port,
      secret,
      env: {
        EXECUTOR_POOL_SIZE: '1',
        // The rooms' default language warm; the others start their sandbox per run.
        EXECUTOR_POOL_LANGUAGES: 'python',
        // Product flows, not the sandbox: runc keeps CI lean (gVisor: executor-runsc, docs/SANDBOX.md).
        EXECUTOR_RUNTIME: 'runc',
        EXECUTOR_OWNER: `e2e-${process.pid}-${port}`,
        // The worker's PUBLIC_URL (startWrangler's default): the only place callbacks may go.
        EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${workerPort}`,
        ...executorEnv,
      },
    });
  // Side by side: neither needs the other to start (each knows the other's port).
  const [launched, workerStarted] = await Promise.allSettled([
    launch(),
    startWorker({ EXECUTOR_URL: `http://127.0.0.1:${port}`, EXECUTOR_SECRET: secret }, workerPort),
  ]);
  if (launched.status === 'rejected' || workerStarted.status === 'rejected') {
    // The one that started is stopped, not left behind; the start's own failure is what is thrown.
    await Promise.allSettled([
      launched.status === 'fulfilled' ? launched.value.stop() : undefined,
      workerStarted.status === 'fulfilled' ? workerStarted.value.dispose() : undefined,
    ]);
    throw launched.status === 'rejected' ? launched.reason : (workerStarted as PromiseRejectedResult).reason;
  }
  let executor = launched.value;
  const worker = workerStarted.value;
  return {
    worker,
    secret,
    stopExecutor: (signal) => executor.stop(signal),
    async startExecutor() {
      executor = await launch();
    },
    executorOutput: () => executor.output(),
    async dispose() {
      await worker.dispose();
      await executor.stop();
    },
  };
}
