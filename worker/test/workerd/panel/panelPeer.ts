/**
 * A stock-protocol Yjs peer on a room's panel socket (GET /api/rooms/:roomId/panel),
 * using y-protocols' own sync code, and hearing the panel's JSON messages.
 */
import { exports } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { definePanelTypes } from '../../../src/panel/panelDoc';
import { type PanelMessage, readPanelMessage } from '../../../src/panel/signals';
import { BASE, until } from '../support';

export class PanelPeer {
  readonly doc = new Y.Doc();
  readonly messages: PanelMessage[] = [];
  /** Every frame the socket received, text or binary, as text (for leak searches). */
  readonly heard: string[] = [];
  closed: { code: number; reason: string } | null = null;
  synced = false;

  private constructor(readonly ws: WebSocket) {
    definePanelTypes(this.doc);
    ws.addEventListener('message', (event) => void this.#onMessage(event.data));
    ws.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
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

  /** `token` is a link's token, or with `via: 'ticket'` a ticket (auth/tickets.ts). */
  static upgrade(roomId: string, token: string, name = 'panel', via: 'token' | 'ticket' = 'token'): Promise<Response> {
    const query = new URLSearchParams({ [via]: token, name, events: '1' });
    return exports.default.fetch(`${BASE}/api/rooms/${roomId}/panel?${query}`, { headers: { upgrade: 'websocket' } });
  }

  static async connect(
    roomId: string,
    token: string,
    name = 'panel',
    via: 'token' | 'ticket' = 'token',
  ): Promise<PanelPeer> {
    const res = await PanelPeer.upgrade(roomId, token, name, via);
    if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    const peer = new PanelPeer(res.webSocket);
    await until(() => peer.synced, 'the panel doc to sync');
    return peer;
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  notes(): string {
    return this.doc.getText('notes').toString();
  }

  errors(): string[] {
    return this.messages.flatMap((m) => (m.type === 'error' ? [m.message] : []));
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }

  async #onMessage(data: unknown): Promise<void> {
    if (typeof data === 'string') {
      this.heard.push(data);
      const message = readPanelMessage(data);
      if (message) this.messages.push(message);
      return;
    }
    const bytes = new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : (data as ArrayBuffer));
    this.heard.push(new TextDecoder().decode(bytes));
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    const sub = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
    if (sub === syncProtocol.messageYjsSyncStep2) this.synced = true;
  }
}
