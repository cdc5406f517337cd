/**
 * The three servers the same load runs against, each in a process group of its own
 * (stopped with its whole tree, and by the reaper should the bench die), and how a
 * room is made on each: CodeSync rooms through the real HTTP API, reference rooms by
 * name (it starts them empty, so a client writes the first file).
 */
import path from 'node:path';
import { freePort, ROOT, startProcess, startWrangler } from '../../scripts/lib/processes.mjs';
import { createRoom, httpApi } from '../../testing/rooms';
import { SERVER_NAMES, type ServerId } from './config';
import type { RoomAddress } from './messages';

export interface LoadRoom {
  /** Where the editing clients connect (as a candidate on CodeSync). */
  clients: RoomAddress;
  /** Where the probe connects (as an observer on CodeSync: it never writes). */
  probe: RoomAddress;
}

export interface Server {
  id: ServerId;
  name: string;
  /** Root of the server's process tree, for CPU and memory. */
  pid: number;
  /** The server starts rooms empty: a client must write the entry file. */
  emptyRooms: boolean;
  /** The serving isolate's V8 inspector, where its JS heap is read (bench/lib/jsHeap.ts); none for wrangler dev. */
  inspectorPort?: number;
  newRooms(count: number): Promise<LoadRoom[]>;
  stop(): Promise<void>;
}

/**
 * Room creation is limited per client address (20 a minute); the bench makes more,
 * so the servers trust CF-Connecting-IP and each room names its own loopback address.
 */
const TRUST = { TRUST_CF_CONNECTING_IP: 'true' };
let addressCount = 0;
const nextAddress = () => {
  addressCount += 1;
  return `127.88.${(addressCount >> 8) & 255}.${addressCount & 255}`;
};

function codesyncRooms(port: number) {
  return async (count: number): Promise<LoadRoom[]> =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const room = await createRoom(httpApi(`http://127.0.0.1:${port}`, { 'cf-connecting-ip': nextAddress() }));
        const serverUrl = `ws://127.0.0.1:${port}/api/rooms/${room.roomId}`;
        return {
          clients: { serverUrl, roomname: 'ws', params: { token: room.tokens.candidate, name: 'bench' } },
          probe: { serverUrl, roomname: 'ws', params: { token: room.tokens.observer, name: 'probe' } },
        };
      }),
    );
}

export async function startServer(
  id: ServerId,
  persistTo: string,
  stateDir: string,
  /** Open the serving isolate's inspector (for its JS heap); not for wrangler dev. */
  inspect = false,
): Promise<Server> {
  const port = await freePort();
  const name = SERVER_NAMES[id];
  switch (id) {
    case 'wrangler': {
      const server = await startWrangler({ port, persistTo, vars: TRUST });
      return { id, name, pid: server.pid, emptyRooms: false, newRooms: codesyncRooms(port), stop: () => server.stop() };
    }
    case 'direct': {
      const inspectorPort = inspect ? await freePort() : undefined;
      const server = await startProcess({
        name,
        command: process.execPath,
        args: ['--import', 'tsx', path.join(ROOT, 'bench/load/direct-server.ts')],
        // Miniflare keeps the rooms' storage under the system's temporary directory.
        env: {
          DIRECT_PORT: String(port),
          DIRECT_OUTDIR: path.join(persistTo, 'bundle'),
          ...(inspectorPort ? { DIRECT_INSPECTOR_PORT: String(inspectorPort) } : {}),
          TMPDIR: stateDir,
        },
        healthUrl: `http://127.0.0.1:${port}/health`,
      });
      return {
        id,
        name,
        pid: server.pid,
        emptyRooms: false,
        inspectorPort,
        newRooms: codesyncRooms(port),
        stop: () => server.stop(),
      };
    }
    case 'ref': {
      const inspectorPort = inspect ? await freePort() : undefined;
      const server = await startProcess({
        name,
        command: process.execPath,
        args: [
          ...(inspectorPort ? [`--inspect=127.0.0.1:${inspectorPort}`] : []),
          path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js'),
        ],
        env: { HOST: '127.0.0.1', PORT: String(port) },
        healthUrl: `http://127.0.0.1:${port}/`,
      });
      const newRooms = async (count: number) =>
        Array.from({ length: count }, () => {
          const address = { serverUrl: `ws://127.0.0.1:${port}`, roomname: `load-${nextAddress()}`, params: {} };
          return { clients: address, probe: address };
        });
      return { id, name, pid: server.pid, emptyRooms: true, inspectorPort, newRooms, stop: () => server.stop() };
    }
    default: {
      const unreachable: never = id;
      return unreachable;
    }
  }
}
