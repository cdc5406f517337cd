/**
 * A real `wrangler dev` for a test file, with its own port and its own local state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, freePort, startWrangler } from '../../scripts/lib/processes.mjs';

export interface Worker {
  url: string;
  wsUrl: string;
  persistTo: string;
  /** Stops the server (SIGTERM, or SIGKILL to simulate a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and state. */
  restart(): Promise<void>;
  /** Stops it and removes its state. */
  dispose(): Promise<void>;
}

export async function startWorker(vars: Record<string, string> = {}): Promise<Worker> {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-e2e-'));
  applyMigrations(persistTo);
  const port: number = await freePort();
  let server = await startWrangler({ port, persistTo, vars });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    persistTo,
    stop: (signal) => server.stop(signal),
    async restart() {
      server = await startWrangler({ port, persistTo, vars });
    },
    async dispose() {
      await server.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

export interface CreatedRoom {
  roomId: string;
  tokens: Record<'interviewer' | 'candidate' | 'observer', string>;
}

export async function createRoom(worker: Worker, body: object = {}): Promise<CreatedRoom> {
  const res = await fetch(`${worker.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedRoom;
}

export async function roomFiles(worker: Worker, room: CreatedRoom): Promise<Record<string, string>> {
  const res = await fetch(`${worker.url}/api/rooms/${room.roomId}/files`, {
    headers: { authorization: `Bearer ${room.tokens.observer}` },
  });
  const { files } = (await res.json()) as { files: { path: string; content: string }[] };
  return Object.fromEntries(files.map((f) => [f.path, f.content]));
}

/** Resolves when `check` returns something truthy; fails with `what` at the deadline. */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
