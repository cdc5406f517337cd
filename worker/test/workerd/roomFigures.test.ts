/**
 * The room's figures from a real room in workerd (room/roomFigures.ts): a stock Yjs
 * client's frames are counted, and when the room goes idle its summary is written as a
 * structured log line and as one data point to the bound ROOM_METRICS dataset.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runsOf } from './runSupport';
import { createRoom, Peer, until } from './support';

interface Line {
  event?: string;
  roomId?: string;
  framesIn?: number;
  bytesIn?: number;
  framesOut?: number;
  maxFrameIn?: number;
  runs?: number;
  runLatencyMsMax?: number;
}

afterEach(() => vi.restoreAllMocks());

describe('room figures', () => {
  it('[HLT7] [HLT8] a room that goes idle writes a summary of its frames and runs, as a log line and a data point', async () => {
    const lines: Line[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      if (typeof text === 'string' && text.startsWith('{')) lines.push(JSON.parse(text) as Line);
    });
    const points = vi.spyOn(env.ROOM_METRICS as AnalyticsEngineDataset, 'writeDataPoint');
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    for (let i = 0; i < 5; i++) ada.edit('main.py', 0, `# ${i}\n`);
    await until(() => ada.text().startsWith('# 4'), 'the edits');
    // No executor answers here (vitest.config.ts): the run fails at once, and that ends it too.
    ada.ws.send(JSON.stringify({ type: 'run' }));
    await until(() => [...runsOf(ada).values()].some((run) => run.state === 'failed'), 'the run to fail');
    expect(lines.some((line) => line.roomId === room.roomId)).toBe(false); // not per message
    ada.close();
    const line = await until(
      () => lines.find((l) => l.event === 'room.figures' && l.roomId === room.roomId),
      "the room's summary",
    );
    // Its sync step 1, five updates (presence too, if any) and its close's last frames.
    expect(line.framesIn).toBeGreaterThanOrEqual(6);
    expect(line.bytesIn).toBeGreaterThan(0);
    expect(line.maxFrameIn).toBeGreaterThan(0);
    expect(line.framesOut).toBeGreaterThanOrEqual(1); // its sync step 2 and welcome messages at least
    expect(line.runs).toBe(1);
    expect(line.runLatencyMsMax).toBeGreaterThanOrEqual(0);
    expect(points.mock.calls.some(([point]) => point?.indexes?.[0] === room.roomId)).toBe(true);
  });
});

describe('pings', () => {
  it("[HLT4] a ping is answered pong by the runtime and never reaches the room's code: the room's summary counts none", async () => {
    const lines: Line[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      if (typeof text === 'string' && text.startsWith('{')) lines.push(JSON.parse(text) as Line);
    });
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Ada' });
    ada.edit('main.py', 0, '# one edit\n');
    await until(() => ada.text().startsWith('# one edit'), 'the edit');
    // A bare socket (no Yjs client on it) that only pings, as a page's health does.
    const res = await Peer.upgrade(room.roomId, room.tokens.observer, { events: false });
    const pinger = res.webSocket as WebSocket;
    pinger.accept();
    let pongs = 0;
    pinger.addEventListener('message', (event) => {
      if (event.data === 'pong') pongs += 1;
    });
    for (let i = 0; i < 40; i++) {
      pinger.send('ping');
      await until(() => pongs > i, `pong ${i + 1}`);
    }
    pinger.close(1000, 'bye');
    ada.close();
    const line = await until(
      () => lines.find((l) => l.event === 'room.figures' && l.roomId === room.roomId),
      "the room's summary",
    );
    // Ada's sync step 1 and one edit, maybe presence: far under the 40 pings.
    expect(line.framesIn).toBeLessThan(10);
  });
});
