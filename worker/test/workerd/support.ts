/**
 * Helpers for tests inside workerd: create rooms through the real worker, and a
 * Yjs peer that speaks the same y-websocket protocol as a stock provider, using
 * y-protocols' own sync code on the client side.
 */
import { exports } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { RoomMessages } from '../../../testing/roomClient';
import { type CreatedRoom, createRoom as createRoomVia } from '../../../testing/rooms';
import { until } from '../../../testing/until';
import { fileByPath } from '../../src/room/doc';

export { type CreatedRoom, until };
export const BASE = 'http://codesync.test';

export function api(path: string, init: RequestInit & { token?: string; ip?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  // Each test file gets its own client address so the rooms-per-minute limit is per file.
  headers.set(
    'cf-connecting-ip',
    init.ip ?? `127.0.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
  );
  return exports.default.fetch(`${BASE}${path}`, { ...init, headers });
}

export function createRoom(body: object = {}, ip?: string): Promise<CreatedRoom> {
  return createRoomVia((path, init) => api(path, { ...init, ip }), body);
}

export interface PeerOptions {
  name?: string;
  events?: boolean;
  via?: 'token' | 'ticket';
}

export class Peer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** The room's JSON messages, folded as the web app folds them. */
  readonly room = new RoomMessages();
  closed: { code: number; reason: string } | null = null;
  synced = false;
  /** Binary bytes received so far. */
  receivedBytes = 0;
  /** While paused, frames wait unread, as with a client that stopped reading (see `pause`). */
  #unread: unknown[] | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const data = event.data;
      if (typeof data !== 'string') this.receivedBytes += data instanceof Blob ? data.size : data.byteLength;
      if (this.#unread) this.#unread.push(data);
      else void this.#onMessage(data);
    });
    ws.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.awareness.destroy();
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  static async connect(roomId: string, token: string, opts: PeerOptions = {}): Promise<Peer> {
    const res = await Peer.upgrade(roomId, token, opts);
    if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    const peer = new Peer(res.webSocket);
    await until(() => peer.synced, 'initial sync');
    return peer;
  }

  /** `token` is a link's token, or with `via: 'ticket'` a ticket (auth/tickets.ts). */
  static upgrade(roomId: string, token: string, opts: PeerOptions = {}): Promise<Response> {
    const query = new URLSearchParams({ [opts.via ?? 'token']: token, name: opts.name ?? 'tester' });
    if (opts.events !== false) query.set('events', '1');
    return exports.default.fetch(`${BASE}/api/rooms/${roomId}/ws?${query}`, { headers: { upgrade: 'websocket' } });
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  text(path = 'main.py'): string {
    return fileByPath(this.doc, path)?.text.toString() ?? '';
  }

  edit(path: string, index: number, insert: string): void {
    fileByPath(this.doc, path)?.text.insert(index, insert);
  }

  remove(path: string, index: number, length: number): void {
    fileByPath(this.doc, path)?.text.delete(index, length);
  }

  /** Announces a presence state, as a provider does when the cursor moves. */
  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.send(encoding.toUint8Array(encoder));
  }

  get messages() {
    return this.room.messages;
  }

  errors(): string[] {
    return this.room.errors();
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }

  /** Stops reading: frames wait (and are not answered) until `resume`, like a stalled client. */
  pause(): void {
    this.#unread ??= [];
  }

  /** Reads, in order, what waited, then reads live again. */
  async resume(): Promise<void> {
    // Still paused while draining, so what arrives meanwhile waits its turn.
    for (let data = this.#unread?.shift(); data !== undefined; data = this.#unread?.shift()) {
      await this.#onMessage(data);
    }
    this.#unread = null;
  }

  async #onMessage(data: unknown): Promise<void> {
    if (typeof data === 'string') {
      this.room.receive(data);
      return;
    }
    const bytes = new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : (data as ArrayBuffer));
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const sub = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
      if (sub === syncProtocol.messageYjsSyncStep2) this.synced = true;
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }
}
