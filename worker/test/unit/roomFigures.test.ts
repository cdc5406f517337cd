/**
 * The room's figures for the operator (room/roomFigures.ts): counted as the room works,
 * written once per ROOM_FIGURES_EVERY_MS while it is in use and once when it goes idle,
 * never per message; a log line always, an Analytics Engine data point when bound.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOM_FIGURES_EVERY_MS } from '../../src/limits';
import { type FiguresSummary, RoomFigures, runLatencyOf, writeRoomFigures } from '../../src/room/roomFigures';
import type { RunUpdate } from '../../src/runs/machine';

function figuresAt() {
  const clock = { now: 1_000_000 };
  const written: FiguresSummary[] = [];
  const figures = new RoomFigures(
    (summary) => written.push(summary),
    () => clock.now,
  );
  return { clock, written, figures };
}

describe('RoomFigures', () => {
  it('[HLT7] counts frames in and out, their sizes and run latency, and writes them once the window is over', () => {
    const { clock, written, figures } = figuresAt();
    figures.received(10);
    figures.received(300);
    figures.sent(40);
    figures.sent(40);
    figures.sent(40);
    figures.runEnded(1_200);
    figures.runEnded(800);
    clock.now += ROOM_FIGURES_EVERY_MS - 1;
    figures.received(5);
    expect(written).toEqual([]); // the window is not over yet
    clock.now += 1;
    figures.received(7); // finds it over: the summary goes, and this frame opens the next window
    expect(written).toEqual([
      {
        windowMs: ROOM_FIGURES_EVERY_MS,
        framesIn: 3,
        bytesIn: 315,
        maxFrameIn: 300,
        framesOut: 3,
        bytesOut: 120,
        runs: 2,
        runLatencyMsSum: 2_000,
        runLatencyMsMax: 1_200,
      },
    ]);
    clock.now += 500;
    figures.flush(); // the room goes idle
    expect(written[1]).toMatchObject({ windowMs: 500, framesIn: 1, bytesIn: 7, runs: 0 });
  });

  it('[HLT7] a flood of frames in one window writes one summary, not one per frame', () => {
    const { clock, written, figures } = figuresAt();
    for (let i = 0; i < 50_000; i++) {
      figures.received(30);
      figures.sent(30);
      clock.now += 1; // 50 s of frames, a thousand a second
    }
    expect(written).toEqual([]);
    clock.now += ROOM_FIGURES_EVERY_MS;
    figures.received(30);
    expect(written).toHaveLength(1);
    expect(written[0]?.framesIn).toBe(50_000);
  });

  it('[HLT7] a room that counted nothing writes nothing, however often it is flushed', () => {
    const { written, figures } = figuresAt();
    figures.flush();
    figures.flush();
    expect(written).toEqual([]);
  });

  it("[HLT7] a run's latency is from its request to the event that ended it (finished or failed)", () => {
    const created = (runId: string) => (runId === 'r1' ? 1_000 : undefined);
    const ended = (type: 'finished' | 'failed' | 'started', runId = 'r1') =>
      ({ type: 'run.event', runId, event: { type, at: 3_500 } }) as unknown as RunUpdate;
    expect(runLatencyOf(ended('finished'), created)).toBe(2_500);
    expect(runLatencyOf(ended('failed'), created)).toBe(2_500);
    expect(runLatencyOf(ended('started'), created)).toBeNull();
    expect(runLatencyOf(ended('finished', 'unknown'), created)).toBeNull();
  });
});

describe('writeRoomFigures', () => {
  afterEach(() => vi.restoreAllMocks());
  const summary: FiguresSummary = {
    windowMs: 60_000,
    framesIn: 600,
    bytesIn: 30_000,
    maxFrameIn: 2_000,
    framesOut: 1_800,
    bytesOut: 90_000,
    runs: 2,
    runLatencyMsSum: 3_000,
    runLatencyMsMax: 2_000,
  };

  it('[HLT8] logs one structured line with the rate and means', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    writeRoomFigures(undefined, 'room-1', 3, summary);
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(log.mock.calls[0]?.[0] as string)).toEqual({
      event: 'room.figures',
      roomId: 'room-1',
      connections: 3,
      ...summary,
      messagesPerSecond: 10,
      meanFrameInBytes: 50,
      runLatencyMsMean: 1_500,
    });
  });

  it('[HLT8] writes one Analytics Engine data point when ROOM_METRICS is bound, in the documented order', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    // The local simulator drops every point it is given, so the test keeps what the room hands it.
    const points: AnalyticsEngineDataPoint[] = [];
    writeRoomFigures({ writeDataPoint: (point) => points.push(point ?? {}) }, 'room-1', 3, summary);
    expect(points).toEqual([
      {
        indexes: ['room-1'],
        blobs: ['room.figures'],
        doubles: [60_000, 3, 600, 30_000, 2_000, 1_800, 90_000, 2, 3_000, 2_000],
      },
    ]);
  });
});
