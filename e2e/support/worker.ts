/**
 * wrangler's dev server (what `wrangler dev` runs, inspector off: scripts/lib/workerServer.mjs)
 * for a test file, with its own port and its own local state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, freePort, startWrangler } from '../../scripts/lib/processes.mjs';
import { type CreatedRoom, createRoom as createRoomVia, httpApi, roomFiles as roomFilesVia } from '../../testing/rooms';
import { until } from '../../testing/until';

export { type CreatedRoom, until };

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

/** `port` when the caller must know it first (the executor's callback allow-list). */
export async function startWorker(vars: Record<string, string> = {}, knownPort?: number): Promise<Worker> {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-e2e-'));
  applyMigrations(persistTo);
  const port: number = knownPort ?? (await freePort());
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

/** The worker's HTTP API as the shared room helpers (testing/rooms.ts) take it. */
export const apiOf = (worker: Worker) => httpApi(worker.url);

export function createRoom(worker: Worker, body: object = {}): Promise<CreatedRoom> {
  return createRoomVia(apiOf(worker), body);
}

export function roomFiles(worker: Worker, room: CreatedRoom): Promise<Record<string, string>> {
  return roomFilesVia(apiOf(worker), room);
}
