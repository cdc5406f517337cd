/**
 * What the bench (the parent) and its child processes (clients, probe) say to each other
 * over Node's IPC channel. Every request carries an id; the child answers it once with
 * the same id, with a result or an error.
 */

/** One room as a child reaches it: y-websocket's `serverUrl` + `/` + `roomname` + `?params`. */
export interface RoomAddress {
  serverUrl: string;
  roomname: string;
  params: Record<string, string>;
}

export interface ClientRoom extends RoomAddress {
  /** Index of the room in the row (for logs and the seed). */
  index: number;
  /** How many of the room's clients this process holds. */
  clients: number;
  /** This process writes the room's first file (the reference server starts empty). */
  seeds: boolean;
}

/** Wall-clock milliseconds, comparable between processes on this machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

export type ClientRequest =
  | { cmd: 'open'; rooms: ClientRoom[]; cursors: boolean }
  /** Edits from `startAt`; latencies of edits sent before `measureFrom` (the warm-up) are kept apart. */
  | { cmd: 'edit'; startAt: number; measureFrom: number; stopAt: number; rate: number }
  /** Per room, the highest clock of every client id seen: merged, the state every doc of the room must reach. */
  | { cmd: 'clocks' }
  | { cmd: 'settle'; target: RoomClocks; timeoutMs: number }
  | { cmd: 'close' };

/** Room index → client id → clock (a state vector per room). */
export type RoomClocks = Record<string, Record<string, number>>;

export interface SettleResult {
  /** When the last doc of this process reached the target (wall ms), or null if one never did. */
  convergedAt: number | null;
  /** Docs that had not reached the target when the time ran out. */
  behind: number;
  /** Edit → this client latencies, one per remote edit received, ms (edits sent from `measureFrom`). */
  latencies: number[];
  /** The same for edits sent during the warm-up (before `measureFrom`). */
  warmupLatencies: number[];
  /** Sockets the server or the network closed during the row, by close code. */
  closes: Record<string, number>;
  /** This process's own event-loop delay during the row: the generator's floor. */
  lagP99: number;
}

export type ProbeRequest =
  | { cmd: 'open'; rooms: RoomAddress[] }
  | { cmd: 'probe'; intervalMs: number; measureFrom: number; stopAt: number }
  | { cmd: 'collect'; waitMs: number }
  | { cmd: 'close' };

export interface ProbeResult {
  /** Sync step 1 → step 2 round trips, ms. */
  rtts: number[];
  /** Step 1s sent that were never answered within the wait. */
  unanswered: number;
  closes: Record<string, number>;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
