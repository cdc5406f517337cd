/**
 * The bench's own Node child processes (client processes, the probe), spoken to over
 * IPC. They stay in the bench's process group, so Ctrl-C in the terminal reaches them
 * too, and each exits as soon as its IPC channel closes: however the bench ends, even
 * by SIGKILL, nothing it started keeps generating load.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/processes.mjs';
import type { Reply } from './messages';

export interface Child<Request> {
  name: string;
  pid: number;
  request<T>(message: Request): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `bench/load/<file>` under tsx with an IPC channel. */
export function startChild<Request extends object>(name: string, file: string): Child<Request> {
  const child: ChildProcess = fork(path.join(ROOT, 'bench/load', file), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${name}: ${reply.error}`));
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (${signal ?? code})`));
      pending.clear();
      resolve();
    }),
  );
  return {
    name,
    pid: child.pid ?? -1,
    request<T>(message: Request) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, ...message });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The child's side: answers each request with `handle`, and exits when the parent is
 * gone (its IPC channel closes).
 */
export function serveParent<Request>(handle: (message: Request) => Promise<unknown>): void {
  process.on('disconnect', () => process.exit(0));
  // An orderly exit on SIGTERM (so `--cpu-prof`, and providers' exit handlers, run).
  process.on('SIGTERM', () => process.exit(0));
  process.on('message', (message: Request & { id: number }) => {
    handle(message).then(
      (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
      (error: Error) =>
        process.send?.({ id: message.id, ok: false, error: error.stack ?? String(error) } satisfies Reply),
    );
  });
}
