/**
 * The page's side of the replay worker: starts it, opens the room's history, sends
 * seeks through a SeekQueue (only the newest position is ever worked on) and keeps
 * what came back: the update times, the newest frame, download figures. Components
 * read it with `useSyncExternalStore`.
 */
import type { PlaybackManifest } from '@codesync/worker/playback-schema';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { type FrameFile, fromReplay, type ToReplay } from './protocol';
import { SeekQueue } from './seekQueue';

export interface Frame {
  position: number;
  files: FrameFile[];
  entry: string | null;
}

export interface ReplayState {
  /** The `at` of every update downloaded so far, in order. */
  times: Float64Array;
  done: boolean;
  bytes: number;
  frame: Frame | null;
  failed: string | null;
}

/** Figures the benchmark reads (bench/playback.ts). */
export interface ReplayStats {
  startedAt: number;
  firstFrameAt: number | null;
  /** When the last page of history was in. */
  doneAt: number | null;
  frames: number;
  /** Wall time of each seek, asked → frame received. */
  seekMs: number[];
}

export class ReplayClient {
  #state: ReplayState = { times: new Float64Array(), done: false, bytes: 0, frame: null, failed: null };
  readonly #listeners = new Set<() => void>();
  readonly #worker: Worker;
  readonly #seeks: SeekQueue;
  #askedAt = 0;
  #times: Float64Array;
  #opened = false;
  readonly stats: ReplayStats = {
    startedAt: performance.now(),
    firstFrameAt: null,
    doneAt: null,
    frames: 0,
    seekMs: [],
  };

  /** Made before the manifest arrives, so the worker's script loads while the manifest does. */
  constructor(
    private readonly roomId: string,
    private readonly token: string,
  ) {
    this.#times = new Float64Array();
    this.#worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
    this.#seeks = new SeekQueue((position) => {
      this.#askedAt = performance.now();
      this.#post({ type: 'seek', position });
    });
    this.#worker.addEventListener('message', (event) => this.#receive(event.data));
    this.#worker.addEventListener('error', (event) => this.#set({ failed: `The replay stopped: ${event.message}` }));
  }

  /** Starts downloading the manifest's pages. */
  open(manifest: PlaybackManifest): void {
    // Once per client (React's StrictMode runs effects twice in development).
    if (this.#opened) return;
    this.#opened = true;
    this.#times = new Float64Array(manifest.updates.count);
    this.#post({
      type: 'open',
      roomId: this.roomId,
      token: this.token,
      pages: manifest.pages,
      people: manifest.people,
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): ReplayState => this.#state;

  /** Show the state after the first `position` updates (as soon as the worker is free). */
  seek(position: number): void {
    this.#seeks.want(position);
  }

  destroy(): void {
    this.#worker.terminate();
    this.#listeners.clear();
  }

  #post(message: ToReplay): void {
    this.#worker.postMessage(message);
  }

  #set(change: Partial<ReplayState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }

  #receive(data: unknown): void {
    const parsed = fromReplay.safeParse(data);
    if (!parsed.success) {
      this.#set({ failed: 'The replay answered something this page does not know. Reload to update it.' });
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'loaded': {
        // One buffer for the whole history (the manifest says how long), views into it.
        const length = this.#state.times.length;
        if (length + m.times.length > this.#times.length) {
          const grown = new Float64Array(Math.max(2 * this.#times.length, length + m.times.length));
          grown.set(this.#times.subarray(0, length));
          this.#times = grown;
        }
        this.#times.set(m.times, length);
        const times = this.#times.subarray(0, length + m.times.length);
        if (m.done) this.stats.doneAt = performance.now();
        this.#set({ times, done: m.done, bytes: m.bytes });
        this.#seeks.refresh();
        return;
      }
      case 'frame': {
        this.stats.seekMs.push(performance.now() - this.#askedAt);
        this.stats.frames++;
        this.stats.firstFrameAt ??= performance.now();
        this.#set({ frame: { position: m.position, files: m.files, entry: m.entry } });
        this.#seeks.answered(m.asked, m.position === m.asked);
        return;
      }
      case 'failed':
        this.#set({ failed: m.message });
        return;
      default: {
        const unreachable: never = m;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

/** A replay worker for the room, started at once, for as long as the component is mounted. */
export function useReplayClient(roomId: string, token: string): ReplayClient | null {
  const [client, setClient] = useState<ReplayClient | null>(null);
  useEffect(() => {
    const c = new ReplayClient(roomId, token);
    setClient(c);
    return () => c.destroy();
  }, [roomId, token]);
  return client;
}

/** What the replay holds, opened on `manifest`. */
export function useReplay(client: ReplayClient, manifest: PlaybackManifest): ReplayState {
  useEffect(() => client.open(manifest), [client, manifest]);
  return useSyncExternalStore(client.subscribe, client.getState);
}
