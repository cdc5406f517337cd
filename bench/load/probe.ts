/**
 * The round-trip probe, in a process of its own so its timings do not wait behind the
 * clients' event loops. One raw WebSocket per room speaks the y-websocket sync protocol
 * by hand: it keeps a copy of the doc up to date from the updates it hears, and
 * periodically sends a sync step 1 with its state vector, timing the step 2 that
 * answers it. The answer is small (the probe is up to date), so the round trip is the
 * server's queueing: how long a message waits behind the room's other work and frames.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { serveParent } from './children';
import { type ProbeRequest, type ProbeResult, type RoomAddress, wallNow } from './messages';

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

interface Lane {
  ws: WebSocket;
  doc: Y.Doc;
  /** When the unanswered step 1 was sent, or null. */
  askedAt: number | null;
  timer: NodeJS.Timeout | null;
}

let lanes: Lane[] = [];
let rtts: number[] = [];
let closes: Record<string, number> = {};

function frame(sub: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function receive(lane: Lane, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness: not timed
  const sub = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (sub === STEP1) {
    // As a stock client does: answer the server's step 1 with what it lacks.
    lane.ws.send(frame(STEP2, Y.encodeStateAsUpdate(lane.doc, payload)));
    return;
  }
  if (sub === STEP2 || sub === UPDATE) Y.applyUpdate(lane.doc, payload);
  if (sub === STEP2 && lane.askedAt !== null) {
    rtts.push(wallNow() - lane.askedAt);
    lane.askedAt = null;
  }
}

function connect(room: RoomAddress): Promise<Lane> {
  const query = new URLSearchParams(room.params).toString();
  const ws = new WebSocket(`${room.serverUrl}/${room.roomname}${query ? `?${query}` : ''}`);
  const lane: Lane = { ws, doc: new Y.Doc(), askedAt: null, timer: null };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) receive(lane, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  ws.on('close', (code) => {
    const key = `probe ${code}`; // reset when the next row starts probing
    closes[key] = (closes[key] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      // The first step 1 is the probe's own initial sync; it is not timed.
      ws.send(frame(STEP1, Y.encodeStateVector(lane.doc)));
      resolve(lane);
    });
  });
}

/** Each lane asks every `intervalMs` (staggered), never with a question still open. */
function probe(intervalMs: number, measureFrom: number, stopAt: number): void {
  rtts = [];
  closes = {};
  for (const lane of lanes) {
    const ask = () => {
      if (wallNow() >= stopAt) return;
      // Round trips are timed over the measured window only (after the warm-up).
      if (wallNow() < measureFrom) {
        lane.timer = setTimeout(ask, measureFrom - wallNow() + Math.random() * intervalMs);
        return;
      }
      if (lane.askedAt === null && lane.ws.readyState === WebSocket.OPEN) {
        lane.askedAt = wallNow();
        lane.ws.send(frame(STEP1, Y.encodeStateVector(lane.doc)));
      }
      lane.timer = setTimeout(ask, intervalMs);
    };
    lane.timer = setTimeout(ask, Math.random() * intervalMs);
  }
}

/** Waits up to `waitMs` for open questions, then reports. */
async function collect(waitMs: number): Promise<ProbeResult> {
  const deadline = wallNow() + waitMs;
  while (lanes.some((l) => l.askedAt !== null && l.ws.readyState === WebSocket.OPEN) && wallNow() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const unanswered = lanes.filter((l) => l.askedAt !== null).length;
  for (const lane of lanes) lane.askedAt = null;
  return { rtts, unanswered, closes: { ...closes } };
}

function close(): void {
  for (const lane of lanes) {
    if (lane.timer) clearTimeout(lane.timer);
    // Not a drop: and `ws` reports a close the server never acknowledges only 30 s later (1006), in another row.
    lane.ws.removeAllListeners('close');
    lane.ws.close();
    lane.doc.destroy();
  }
  lanes = [];
}

serveParent<ProbeRequest>(async (message) => {
  switch (message.cmd) {
    case 'open':
      lanes = await Promise.all(message.rooms.map(connect));
      return lanes.length;
    case 'probe':
      return probe(message.intervalMs, message.measureFrom, message.stopAt);
    case 'collect':
      return collect(message.waitMs);
    case 'close':
      return close();
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
