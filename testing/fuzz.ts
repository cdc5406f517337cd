/**
 * A bounded fuzzer for a room's socket (issue #10): mutated frames of every message
 * type — sync step 1, step 2, update, awareness, query-awareness and JSON room
 * messages — from seeds that are valid, sent over many sockets at once. A socket the
 * room closes (as it should for a bad frame) is replaced; frames are paced under the
 * per-connection rate limit so the limiter is not all that is tested.
 *
 * @example
 * const report = await fuzzRoom({ wsUrl, roomId, token, frames: 20_000, seed: 1 });
 */
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeFrame } from '../worker/src/room/protocol';

export interface FuzzOptions {
  wsUrl: string;
  roomId: string;
  token: string;
  frames: number;
  seed?: number;
  /** Sockets at once (the room holds 64; leave seats for the checkers). */
  sockets?: number;
  /** Frames one socket sends before it is replaced (under the rate limiter's burst). */
  perSocket?: number;
}

export interface FuzzReport {
  /** Frames the room is known to have read (answered or closed on). */
  sent: number;
  byKind: Record<string, number>;
  closes: Record<string, number>;
  /** Frames that are not y-websocket messages (the room's own decoder says so)… */
  malformed: number;
  /** …and of those, how many the room answered instead of closing the socket (must be 0). */
  malformedAnswered: number;
}

/**
 * What the room's own decoder makes of a frame: not a y-websocket message at all (LIM8:
 * the room must close on it), a sync step 1 (the room answers it with a step 2 of its
 * own, before the probe's), or anything else.
 */
function classify(data: Uint8Array | string): 'malformed' | 'step1' | 'other' {
  if (typeof data === 'string') return 'other';
  try {
    return decodeFrame(data).kind === 'sync-step1' ? 'step1' : 'other';
  } catch {
    return 'malformed';
  }
}

/** xorshift32: the same seed replays the same run. */
function rng(seed: number) {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Valid frames of every type, from a doc shaped like a room's. */
function seeds(): Record<string, Uint8Array | string> {
  const doc = new Y.Doc();
  const files = doc.getMap('files');
  const file = new Y.Map<unknown>();
  file.set('path', 'fuzz.py');
  file.set('text', new Y.Text('print("fuzz")\n'));
  files.set('fuzz-file-id', file);
  doc.getMap('meta').set('title', 'fuzzed');
  const update = Y.encodeStateAsUpdate(doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'fuzz', color: '#123456' }, cursor: null });
  const presence = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return {
    'sync-step1': frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    }),
    'sync-step2': frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, update);
    }),
    update: frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
    awareness: frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, presence);
    }),
    'query-awareness': frame((e) => encoding.writeVarUint(e, 3)),
    'room-message': JSON.stringify({ type: 'run', path: 'main.py', stdin: '1' }),
  };
}

const INTERESTING = [0, 1, 2, 3, 0x7f, 0x80, 0xff];

function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let bytes = Uint8Array.from(input);
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(random() * Math.max(1, bytes.length));
    switch (Math.floor(random() * 6)) {
      case 0: // flip a bit
        if (bytes.length) bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
        break;
      case 1: // an interesting byte (varuint edges)
        if (bytes.length) bytes[at] = INTERESTING[Math.floor(random() * INTERESTING.length)] ?? 0;
        break;
      case 2: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 3: {
        // insert random bytes
        const extra = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256));
        bytes = Uint8Array.from([...bytes.slice(0, at), ...extra, ...bytes.slice(at)]);
        break;
      }
      case 4: // duplicate a slice
        bytes = Uint8Array.from([...bytes, ...bytes.slice(at, at + 16)]);
        break;
      default: // a huge varuint length where a length goes
        if (bytes.length > 2)
          bytes = Uint8Array.from([...bytes.slice(0, 2), 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes.slice(2)]);
    }
  }
  return bytes;
}

function mutateText(input: string, random: () => number): string {
  const variants = [
    () => input.slice(0, Math.floor(random() * input.length)),
    () => input.replace('"run"', `"${'x'.repeat(Math.floor(random() * 50))}"`),
    () => input.replace('"1"', JSON.stringify('\u0000'.repeat(Math.floor(random() * 64)))),
    () => JSON.stringify({ type: 'run', path: '../'.repeat(Math.floor(random() * 20)), stdin: 1 }),
    () => `{"type":${'['.repeat(Math.floor(random() * 500))}`,
    () => JSON.stringify({ type: ['run'], __proto__: { admin: true } }),
  ];
  return variants[Math.floor(random() * variants.length)]?.() ?? input;
}

/** Sends `frames` mutated frames at the room; resolves with what was sent and how sockets closed. */
export async function fuzzRoom(options: FuzzOptions): Promise<FuzzReport> {
  const random = rng(options.seed ?? 1);
  const all = seeds();
  const kinds = Object.keys(all);
  const report: FuzzReport = { sent: 0, byKind: {}, closes: {}, malformed: 0, malformedAnswered: 0 };
  // No &events=1: every join and leave would otherwise broadcast presence to each lane.
  const url = `${options.wsUrl}/api/rooms/${options.roomId}/ws?token=${options.token}&name=fuzz`;
  // Two messages a frame (it and its probe): stay under the limiter's burst of 400.
  const perSocket = options.perSocket ?? 150;

  // After each fuzzed frame a valid sync step 1 (empty state vector) goes out: the
  // room's step 2 answer proves the fuzzed frame was read (a socket delivers in order),
  // and a close instead proves it was read and refused. So every counted frame landed.
  const probe = frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  });
  const oneSocket = () =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(url);
      let mine = 0;
      let answered: ((how: 'answered' | 'closed') => void) | null = null;
      /** Step 2 answers still due before the probe's (a valid step 1 gets one too). */
      let due = 0;
      ws.on('error', () => undefined);
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary && data[0] === 0 && data[1] === 1 && --due <= 0) answered?.('answered');
      });
      ws.on('close', (code) => {
        report.closes[String(code)] = (report.closes[String(code)] ?? 0) + 1;
        answered?.('closed');
        resolve();
      });
      ws.on('open', async () => {
        while (ws.readyState === WebSocket.OPEN && mine < perSocket && report.sent < options.frames) {
          const kind = kinds[Math.floor(random() * kinds.length)] as string;
          const seed = all[kind] as Uint8Array | string;
          // One in eight goes unmutated: valid frames mixed in keep the room's paths warm.
          const data =
            random() < 0.125 ? seed : typeof seed === 'string' ? mutateText(seed, random) : mutate(seed, random);
          const landed = new Promise<'answered' | 'closed'>((r) => {
            answered = r;
          });
          const kindOf = classify(data);
          const malformed = kindOf === 'malformed';
          due = kindOf === 'step1' ? 2 : 1;
          ws.send(data);
          ws.send(probe);
          const how = await landed;
          answered = null;
          if (malformed) report.malformed += 1;
          if (malformed && how === 'answered') report.malformedAnswered += 1;
          mine += 1;
          report.sent += 1;
          report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
        }
        if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'fuzz done');
      });
    });

  const lanes = Array.from({ length: options.sockets ?? 32 }, async () => {
    while (report.sent < options.frames) await oneSocket();
  });
  await Promise.all(lanes);
  return report;
}
