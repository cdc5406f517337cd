/**
 * The figures an operator needs from each room (issue 17 item 3): frames in and out,
 * their sizes, the message rate, and how long runs took from request to verdict. The
 * room counts as it goes and writes one summary per ROOM_FIGURES_EVERY_MS while it is in
 * use, never one per message, plus what is left when it goes idle. A room with nothing
 * to say writes nothing. No timer: a summary is written by the event that finds its
 * window over, so counting never keeps a hibernating room awake (a room evicted while
 * quiet loses at most the counts of its last, unfinished window).
 *
 * Each summary is a structured log line (`{"event":"room.figures",…}`, Workers Logs and
 * `wrangler tail` read it as JSON) and, when the optional `ROOM_METRICS` binding is set,
 * one Workers Analytics Engine data point. The layout is documented in docs/OPERATIONS.md.
 *
 * @example
 * const figures = new RoomFigures((s) => writeRoomFigures(env.ROOM_METRICS, roomId, s));
 * figures.received(frame.byteLength); figures.sent(text.length); figures.runEnded(1840);
 * figures.flush(); // the room went idle
 */
import { ROOM_FIGURES_EVERY_MS } from '../limits';
import type { RunUpdate } from '../runs/machine';

export interface FiguresSummary {
  /** How long the window was (ms): from its first event to the summary. */
  windowMs: number;
  framesIn: number;
  bytesIn: number;
  maxFrameIn: number;
  /** Frames and bytes sent, one per recipient (a broadcast to 5 sockets counts 5). */
  framesOut: number;
  bytesOut: number;
  /** Runs (and test runs) that reached a verdict or failed in the window. */
  runs: number;
  runLatencyMsSum: number;
  runLatencyMsMax: number;
}

const EMPTY = {
  framesIn: 0,
  bytesIn: 0,
  maxFrameIn: 0,
  framesOut: 0,
  bytesOut: 0,
  runs: 0,
  runLatencyMsSum: 0,
  runLatencyMsMax: 0,
};

export class RoomFigures {
  readonly #write: (summary: FiguresSummary) => void;
  readonly #now: () => number;
  #counts = { ...EMPTY };
  /** When the current window began (its first event), or null: nothing counted since the last summary. */
  #since: number | null = null;

  constructor(write: (summary: FiguresSummary) => void, now: () => number = Date.now) {
    this.#write = write;
    this.#now = now;
  }

  /** A frame from a client. */
  received(bytes: number): void {
    this.#tick();
    this.#counts.framesIn += 1;
    this.#counts.bytesIn += bytes;
    this.#counts.maxFrameIn = Math.max(this.#counts.maxFrameIn, bytes);
  }

  /** A frame to one client. */
  sent(bytes: number): void {
    this.#tick();
    this.#counts.framesOut += 1;
    this.#counts.bytesOut += bytes;
  }

  /** A run ended `latencyMs` after it was asked for. */
  runEnded(latencyMs: number): void {
    this.#tick();
    this.#counts.runs += 1;
    this.#counts.runLatencyMsSum += latencyMs;
    this.#counts.runLatencyMsMax = Math.max(this.#counts.runLatencyMsMax, latencyMs);
  }

  /** Writes what the current window counted (the room goes idle); nothing when it counted nothing. */
  flush(): void {
    if (this.#since === null) return;
    const summary = { windowMs: this.#now() - this.#since, ...this.#counts };
    this.#counts = { ...EMPTY };
    this.#since = null;
    this.#write(summary);
  }

  /** Starts a window, or writes the one that is over before counting into the next. */
  #tick(): void {
    if (this.#since !== null && this.#now() - this.#since >= ROOM_FIGURES_EVERY_MS) this.flush();
    this.#since ??= this.#now();
  }
}

/** How long a run took from request to its end, if `message` ends it (`createdAt`: the run's). */
export function runLatencyOf(message: RunUpdate, createdAt: (runId: string) => number | undefined): number | null {
  if (message.type !== 'run.event') return null;
  if (message.event.type !== 'finished' && message.event.type !== 'failed') return null;
  const created = createdAt(message.runId);
  return created === undefined ? null : Math.max(0, message.event.at - created);
}

/** The summary as the operator reads it: a log line always, a data point when the dataset is bound. */
export function writeRoomFigures(
  dataset: AnalyticsEngineDataset | undefined,
  roomId: string,
  connections: number,
  summary: FiguresSummary,
): void {
  const seconds = Math.max(summary.windowMs, 1) / 1000;
  console.log(
    JSON.stringify({
      event: 'room.figures',
      roomId,
      connections,
      ...summary,
      messagesPerSecond: Math.round((summary.framesIn / seconds) * 100) / 100,
      meanFrameInBytes: summary.framesIn ? Math.round(summary.bytesIn / summary.framesIn) : 0,
      runLatencyMsMean: summary.runs ? Math.round(summary.runLatencyMsSum / summary.runs) : null,
    }),
  );
  // Unbound (local dev, tests, a deployment without the dataset): the log line is all.
  dataset?.writeDataPoint({
    indexes: [roomId],
    blobs: ['room.figures'],
    doubles: [
      summary.windowMs,
      connections,
      summary.framesIn,
      summary.bytesIn,
      summary.maxFrameIn,
      summary.framesOut,
      summary.bytesOut,
      summary.runs,
      summary.runLatencyMsSum,
      summary.runLatencyMsMax,
    ],
  });
}
