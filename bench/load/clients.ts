/**
 * A client process: stock y-websocket providers (`disableBc`, or providers in one
 * process sync with each other and skip the server), each editing the room's entry
 * file at a steady rate. The bench runs two or more of these so that the load
 * generator is not one event loop (TOOLCHAIN.md: 100 clients in one process already
 * lag it by ~300 ms).
 *
 * Every edit is a small insert at the start of the file that carries its wall-clock
 * send time ("e@1796263200123.45;"), so every remote insert a client sees is one
 * edit → other-client latency. Inserting at index 0 keeps markers whole: no edit ever
 * lands inside another's text.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { entryFile, seedDoc } from '../../worker/src/room/doc';
import { serveParent } from './children';
import { type ClientRequest, type ClientRoom, type RoomClocks, type SettleResult, wallNow } from './messages';

interface Client {
  room: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Wall time of the last change to the doc, local or remote. */
  changedAt: number;
  /** The server closed the socket for good (y-websocket will not reconnect). */
  closedForGood: boolean;
}

const MARKER = /e@([\d.]+);/g;
let clients: Client[] = [];
let cursors = false;
let latencies: number[] = [];
let warmupLatencies: number[] = [];
/** Edits sent before this wall time are the warm-up: their latencies are kept apart. */
let measureFrom = 0;
let closes: Record<string, number> = {};
let editTimers: NodeJS.Timeout[] = [];
process.setMaxListeners(0); // every provider adds an exit listener
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();

const textOf = (doc: Y.Doc) => entryFile(doc)?.text ?? null;

function connect(room: ClientRoom): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(room.serverUrl, room.roomname, doc, {
    params: room.params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const client: Client = { room: room.index, doc, provider, changedAt: wallNow(), closedForGood: false };
  doc.on('update', () => {
    client.changedAt = wallNow();
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    // Our own destroy() is not a drop: the list is reset before it.
    const code = event ? String(event.code) : 'no message for 30 s';
    closes[code] = (closes[code] ?? 0) + 1;
  });
  provider.on('closed', () => {
    client.closedForGood = true;
  });
  return client;
}

function whenReady(client: Client, seeds: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a client did not sync within 60 s`)), 60_000);
    const ready = () => {
      if (seeds && !textOf(client.doc)) seedDoc(client.doc, { path: 'main.py', content: '' });
      const poll = () => {
        if (textOf(client.doc)) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(poll, 5);
      };
      poll();
    };
    if (client.provider.synced) ready();
    else client.provider.once('sync', ready);
  });
}

/**
 * Reads the markers from each update the provider applied, not from the text's change
 * event: that event's delta walks the whole text (Yjs YTextEvent), and at 50 inserts a
 * second per room it made every client slower each second, for every server alike (p50
 * 1 → 18 ms over 8 s against the reference itself), so the tail measured the clients.
 * Decoding the update costs what the update weighs. Both run when the update is applied.
 */
function watchLatency(client: Client): void {
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) return; // our own edits
    const now = wallNow();
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      for (const [, mark] of struct.content.str.matchAll(MARKER)) {
        const sent = Number(mark);
        (sent < measureFrom ? warmupLatencies : latencies).push(now - sent);
      }
    }
  });
}

async function open(rooms: ClientRoom[], withCursors: boolean): Promise<number> {
  cursors = withCursors;
  const opened: Promise<void>[] = [];
  for (const room of rooms) {
    for (let i = 0; i < room.clients; i++) {
      const client = connect(room);
      clients.push(client);
      // Only one client seeds: two seeds would make two files named main.py.
      opened.push(whenReady(client, room.seeds && i === 0));
    }
  }
  await Promise.all(opened);
  for (const client of clients) {
    watchLatency(client);
    if (cursors) {
      const color = '#0090ff';
      client.provider.awareness.setLocalStateField('user', { name: 'bench', color, colorLight: `${color}33` });
    }
  }
  return clients.length;
}

function editOnce(client: Client): void {
  const text = textOf(client.doc);
  if (!text) return;
  const marker = `e@${wallNow().toFixed(2)};`;
  text.insert(0, marker);
  if (cursors) {
    // What y-codemirror.next sends on every keystroke: the moved selection as relative positions.
    const at = Y.createRelativePositionFromTypeIndex(text, marker.length);
    client.provider.awareness.setLocalStateField('cursor', { anchor: at, head: at });
  }
}

/** Each client edits `rate` times a second from a random phase, on schedule rather than drifting. */
function edit(startAt: number, from: number, stopAt: number, rate: number): Promise<number> {
  latencies = [];
  warmupLatencies = [];
  measureFrom = from;
  closes = {};
  lag.reset();
  // The generator's own delay is read over the measured window only.
  editTimers.push(setTimeout(() => lag.reset(), Math.max(0, from - wallNow())));
  let sent = 0;
  const period = 1000 / rate;
  // Resolved once every client has made its last edit: a lagging process's late timers
  // still owe edits after the window, and the clocks asked next must include them.
  let done: (sent: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    done = resolve;
  });
  let editing = clients.length;
  const finish = () => {
    editing -= 1;
    if (editing === 0) done(sent);
  };
  for (const client of clients) {
    let next = startAt + Math.random() * period;
    const tick = () => {
      if (next >= stopAt) {
        finish();
        return;
      }
      editOnce(client);
      sent += 1;
      next += period;
      editTimers.push(setTimeout(tick, Math.max(0, next - wallNow())));
    };
    editTimers.push(setTimeout(tick, Math.max(0, next - wallNow())));
  }
  if (clients.length === 0) done(0);
  return finished;
}

function clocks(): RoomClocks {
  const merged: RoomClocks = {};
  for (const { room, doc } of clients) {
    const own = merged[room] ?? {};
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      own[client] = Math.max(own[client] ?? 0, clock);
    }
    merged[room] = own;
  }
  return merged;
}

function reached({ room, doc }: Client, target: RoomClocks): boolean {
  for (const [client, clock] of Object.entries(target[room] ?? {})) {
    if (Y.getState(doc.store, Number(client)) < clock) return false;
  }
  return true;
}

/** Waits until every doc holds every edit anyone made (all state vectors equal), or the time is up. */
async function settle(target: RoomClocks, timeoutMs: number): Promise<SettleResult> {
  const deadline = wallNow() + timeoutMs;
  const live = () => clients.filter((c) => !c.closedForGood);
  while (!live().every((c) => reached(c, target)) && wallNow() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const behind = live().filter((c) => !reached(c, target)).length;
  const convergedAt = behind === 0 ? Math.max(0, ...live().map((c) => c.changedAt)) : null;
  return { convergedAt, behind, latencies, warmupLatencies, closes: { ...closes }, lagP99: lag.percentile(99) / 1e6 };
}

function close(): void {
  for (const timer of editTimers) clearTimeout(timer);
  editTimers = [];
  const closing = clients;
  clients = [];
  for (const client of closing) {
    client.provider.destroy();
    // The provider leaves its Awareness (a 3 s interval) and the doc alive: a row's
    // clients would otherwise stay in memory and keep working through every later row.
    client.doc.destroy();
  }
}

serveParent<ClientRequest>(async (message) => {
  switch (message.cmd) {
    case 'open':
      return open(message.rooms, message.cursors);
    case 'edit':
      return edit(message.startAt, message.measureFrom, message.stopAt, message.rate);
    case 'clocks':
      return clocks();
    case 'settle':
      return settle(message.target, message.timeoutMs);
    case 'close':
      return close();
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
