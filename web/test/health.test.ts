/**
 * Connection health (web/src/room/health.ts, people/peerHealth.ts): the classifier and
 * the pinger. The pinger talks to a real WebSocket server on loopback that answers
 * "ping" with "pong" as the room's runtime does; its clock is the test's, so a round trip
 * is what the test says it is, never what the machine happened to take.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { until } from '../../testing/until';
import { peerHealthOf } from '../src/people/peerHealth';
import {
  ConnectionHealth,
  classify,
  classifyPeer,
  type HealthState,
  HIDDEN_PING_EVERY_MS,
  LOST_AFTER_MS,
  median,
  PEER_SILENT_MS,
  PING_EVERY_MS,
  PresenceUse,
  PUBLISH_EVERY_MS,
  SLOW_MS,
} from '../src/room/health';

describe('classify', () => {
  it(`[HLT3] under SLOW_MS (${SLOW_MS} ms) is good, from it slow`, () => {
    expect(classify(SLOW_MS - 1, { open: true })).toBe('good');
    expect(classify(SLOW_MS, { open: true })).toBe('slow');
    expect(classify(3_000, { open: true })).toBe('slow');
  });

  it(`[HLT3] a socket that is down, or a ping unanswered for LOST_AFTER_MS (${LOST_AFTER_MS} ms), is lost`, () => {
    expect(classify(20, { open: false })).toBe('lost');
    expect(classify(20, { open: true, waitingMs: LOST_AFTER_MS })).toBe('lost');
    expect(classify(20, { open: true, waitingMs: LOST_AFTER_MS - 1 })).toBe('good');
  });

  it('[HLT3] nothing is known before the first pong, or before the socket ever opened', () => {
    expect(classify(null, { open: true })).toBe('unknown');
    expect(classify(null, { open: false, everOpen: false })).toBe('unknown');
  });

  it(`[HLT3] another person is lost once their presence goes unrenewed for PEER_SILENT_MS (${PEER_SILENT_MS} ms)`, () => {
    expect(classifyPeer(20, PEER_SILENT_MS - 1)).toBe('good');
    expect(classifyPeer(900, 0)).toBe('slow');
    expect(classifyPeer(20, PEER_SILENT_MS)).toBe('lost');
    expect(classifyPeer(null, 0)).toBe('unknown');
  });

  it('[HLT3] people are matched to presence by the connection the room stamped; other states are skipped', () => {
    const states = new Map<number, { connId?: unknown; rttMs?: unknown }>([
      [1, { connId: 'a', rttMs: 40 }],
      [2, { connId: 'b', rttMs: 600 }],
      [3, { connId: 'c' }],
      [4, { rttMs: 10 }],
      [5, { connId: 'e', rttMs: 40 }],
    ]);
    const renewed = new Map([
      [1, 10_000],
      [2, 10_000],
      [3, 10_000],
      [5, 10_000 - PEER_SILENT_MS],
    ]);
    const byConn = peerHealthOf(states, (id) => renewed.get(id), 10_000);
    expect(Object.fromEntries(byConn)).toEqual({
      a: { health: 'good', rttMs: 40 },
      b: { health: 'slow', rttMs: 600 },
      c: { health: 'unknown', rttMs: null },
      e: { health: 'lost', rttMs: 40 },
    });
  });

  it('[HLT3] the figure is the median, so one late pong does not make a connection slow', () => {
    expect(median([20, 30, 2_000, 25, 22])).toBe(25);
    expect(median([20, 30])).toBe(25);
    expect(median([])).toBeNull();
  });
});

describe('ConnectionHealth against a socket answering pings', () => {
  let server: WebSocketServer;
  let url: string;
  let pings = 0;
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) =>
      socket.on('message', (data) => {
        if (data.toString() !== 'ping') return;
        pings += 1;
        socket.send('pong');
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A socket to the server, a health on it with the test's clock, and what it reported. */
  async function setUp() {
    const ws = new WebSocket(url);
    await new Promise((resolve) => ws.once('open', resolve));
    const clock = { now: 0 };
    const seen: HealthState[] = [];
    const published: number[] = [];
    const health = new ConnectionHealth(
      (state) => seen.push(state),
      (rttMs) => published.push(rttMs),
      () => clock.now,
    );
    let pongs = 0;
    ws.on('message', (data) => {
      if (data.toString() === 'pong') pongs += 1;
    });
    // Watched, not replaced: every send still goes over the socket.
    const sends = vi.spyOn(ws, 'send');
    const socket = ws as unknown as globalThis.WebSocket;
    /** Ticks at `at`; when it sent a ping, waits for the pong and hands it over at `answerAt`. */
    const round = async (at: number, answerAt: number, visible = true) => {
      const before = sends.mock.calls.length;
      clock.now = at;
      health.tick(socket, visible);
      if (sends.mock.calls.length === before) return false;
      const had = pongs;
      await until(() => pongs > had, 'the pong');
      clock.now = answerAt;
      health.pong(socket);
      return true;
    };
    return { ws, socket, clock, seen, published, health, round, sends };
  }

  it('[HLT4] pings one at a time, every PING_EVERY_MS while visible and every HIDDEN_PING_EVERY_MS while hidden', async () => {
    const { ws, round } = await setUp();
    expect(await round(0, 40)).toBe(true);
    expect(await round(PING_EVERY_MS - 1, PING_EVERY_MS)).toBe(false); // too soon
    expect(await round(PING_EVERY_MS, PING_EVERY_MS + 40)).toBe(true);
    expect(await round(2 * PING_EVERY_MS, 2 * PING_EVERY_MS + 40, false)).toBe(false); // hidden: not yet
    expect(await round(PING_EVERY_MS + HIDDEN_PING_EVERY_MS, PING_EVERY_MS + HIDDEN_PING_EVERY_MS + 40, false)).toBe(
      true,
    );
    ws.close();
  });

  it('[HLT4] while a ping is unanswered no other goes, and past LOST_AFTER_MS the connection is lost until its pong', async () => {
    const { ws, socket, clock, health, round, sends } = await setUp();
    expect(await round(0, 30)).toBe(true);
    const before = pings;
    clock.now = PING_EVERY_MS;
    health.tick(socket, true); // a ping goes; its pong is not handed over yet
    await until(() => pings > before, 'the ping at the server');
    clock.now = PING_EVERY_MS + LOST_AFTER_MS;
    health.tick(socket, true);
    expect(sends.mock.calls.length).toBe(2);
    expect(health.state.health).toBe('lost');
    clock.now += 10;
    health.pong(socket);
    expect(health.state.health).toBe('slow'); // the late pong is a round trip too: median(30, 5010)
    ws.close();
  });

  it('[HLT4] says slow at once, shares a class change at once and a steady figure at most every PUBLISH_EVERY_MS', async () => {
    const { ws, seen, published, round } = await setUp();
    let t = 0;
    const trip = async (ms: number) => {
      expect(await round(t, t + ms)).toBe(true);
      t += PING_EVERY_MS;
    };
    await trip(40);
    expect(seen.at(-1)).toEqual({ health: 'good', rttMs: 40 });
    expect(published).toEqual([40]);
    await trip(50); // median 45: a new figure, not yet worth a presence change
    expect(published).toEqual([40]);
    for (const ms of [900, 900]) await trip(ms); // the median crosses SLOW_MS
    expect(seen.at(-1)?.health).toBe('slow');
    expect(published.length).toBe(2);
    expect(published.at(-1)).toBeGreaterThanOrEqual(SLOW_MS);
    const shared = published.length;
    while (t < PUBLISH_EVERY_MS + 4 * PING_EVERY_MS) await trip(900 + t / 100); // slow and drifting
    expect(published.length).toBe(shared + 1);
    ws.close();
  });

  it('[HLT4] a closed socket is lost at once and pings nothing', async () => {
    const { ws, socket, clock, health, round, sends } = await setUp();
    expect(await round(0, 30)).toBe(true);
    ws.close();
    await until(() => ws.readyState === ws.CLOSED, 'the close');
    clock.now = PING_EVERY_MS;
    health.tick(socket, true);
    expect(health.state.health).toBe('lost');
    expect(sends).toHaveBeenCalledTimes(1);
  });
});

describe('PresenceUse', () => {
  it('[HLT4] a presence change in the round-trip figure alone is not use of the room (it starts no step 1 probing)', () => {
    const use = new PresenceUse();
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'a' }, cursor: null }]]);
    expect(use.changed(states, [1])).toBe(true); // first seen
    states.set(1, { user: { name: 'a' }, cursor: null, rttMs: 40 });
    expect(use.changed(states, [1])).toBe(false);
    states.set(1, { user: { name: 'a' }, cursor: null, rttMs: 900 });
    expect(use.changed(states, [1])).toBe(false);
    states.set(1, { user: { name: 'a' }, cursor: { anchor: 1 }, rttMs: 900 });
    expect(use.changed(states, [1])).toBe(true); // the cursor moved
    states.delete(1);
    expect(use.changed(states, [1])).toBe(true); // they left
    expect(use.changed(states, [1])).toBe(false);
  });
});
