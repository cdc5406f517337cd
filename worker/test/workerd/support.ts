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
import type { Role } from '../../src/auth/roles';
import { fileByPath } from '../../src/room/doc';
import type { ServerMessage } from '../../src/room/messages';

export const BASE = 'http://codesync.test';

export interface CreatedRoom {
  roomId: string;
  links: Record<Role, string>;
  tokens: Record<Role, string>;
}

export function api(path: string, init: RequestInit & { token?: string; ip?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  // Each test file gets its own client address so the rooms-per-minute limit is per file.
  headers.set('cf-connecting-ip', init.ip ?? `10.0.0.${Math.floor(Math.random() * 250)}`);
  return exports.default.fetch(`${BASE}${path}`, { ...init, headers });
}

export async function createRoom(body: object = {}, ip?: string): Promise<CreatedRoom> {
  const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify(body), ip });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Resolves when `check` returns a value other than undefined/false, or fails at the deadline. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  ms = 4000, // under the 5 s test timeout, so a miss names what it waited for
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await scheduler.wait(10);
  }
}

export class Peer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  synced = false;

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => void this.#onMessage(event.data));
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

  static async connect(roomId: string, token: string, opts: { name?: string; events?: boolean } = {}): Promise<Peer> {
    const res = await Peer.upgrade(roomId, token, opts);
    if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    const peer = new Peer(res.webSocket);
    await until(() => peer.synced, 'initial sync');
    return peer;
  }

  static upgrade(roomId: string, token: string, opts: { name?: string; events?: boolean } = {}): Promise<Response> {
    const query = new URLSearchParams({ token, name: opts.name ?? 'tester' });
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

  /** Announces a presence state, as a provider does when the cursor moves. */
  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.send(encoding.toUint8Array(encoder));
  }

  errors(): string[] {
    return this.messages.flatMap((m) => (m.type === 'error' ? [m.code] : []));
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }

  async #onMessage(data: unknown): Promise<void> {
    if (typeof data === 'string') {
      this.messages.push(JSON.parse(data));
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
