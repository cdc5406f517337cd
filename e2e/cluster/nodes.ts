/**
 * Executor nodes of the local cluster, each a real `executor/src/server.ts` process in
 * its own process group, so a test can kill -9 one (a crashed host) or SIGTERM it (a
 * scale-in) and watch it exit by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { signedHeaders } from '../../executor/src/api';
import { until } from '../../testing/until';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ExecutorNode {
  name: string;
  url: string;
  owner: string;
  /** The exit code, once the process is gone (null while it runs; a signal's name if killed). */
  exit(): number | string | null;
  output(): string;
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code or signal once the process is gone. */
  exited(): Promise<number | string>;
}

/** Starts a node and resolves once its /health answers 200. */
export async function startNode(name: string, port: number, env: Record<string, string>): Promise<ExecutorNode> {
  // One process (tsx as a loader, not its CLI, which would put a parent in front that signals reach first).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'executor/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, EXECUTOR_PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-40_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let code: number | string | null = null;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (exitCode, signal) => {
      code = exitCode ?? signal ?? 'unknown';
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const node: ExecutorNode = {
    name,
    url,
    owner: env.EXECUTOR_OWNER ?? '',
    exit: () => code,
    output: () => output,
    signal: (signal) => {
      if (code === null) process.kill(-(child.pid as number), signal);
    },
    exited: () => exited,
  };
  await until(
    async () => {
      if (code !== null) throw new Error(`${name} exited (${code}) before it was ready:\n${output}`);
      return (await fetch(`${url}/health`).catch(() => null))?.ok;
    },
    () => `${name} to answer /health:\n${output}`,
    90_000,
  );
  return node;
}

/** What the node says about its queue: how many jobs it runs now. */
export async function runningOn(node: ExecutorNode): Promise<number> {
  const res = await fetch(`${node.url}/health`).catch(() => null);
  if (!res?.ok) return 0;
  const body = (await res.json()) as { queue: { running: number } };
  return body.queue.running;
}

/** Whether this node holds the job (it ran or runs it): GET /v1/jobs/:id. */
export async function holdsJob(node: ExecutorNode, secret: string, jobId: string): Promise<boolean> {
  const target = `/v1/jobs/${jobId}`;
  const headers = await signedHeaders(secret, 'to-executor', { method: 'GET', path: target, body: '' });
  const res = await fetch(`${node.url}${target}`, { headers }).catch(() => null);
  await res?.body?.cancel();
  return res?.status === 200;
}
