/**
 * Stock Yjs providers, in Node with `ws`, pointed at a room: y-websocket's
 * WebsocketProvider and y-partyserver's provider. Nothing here is ours but the URL.
 */

import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fileByPath } from '../../worker/src/room/doc';
import type { CreatedRoom, Worker } from './worker';

export type Role = keyof CreatedRoom['tokens'];

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(path?: string): string;
  destroy(): void;
}

function wrap(doc: Y.Doc, provider: WebsocketProvider): Client {
  return {
    doc,
    provider,
    text: (path = 'main.py') => fileByPath(doc, path)?.text.toString() ?? '',
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function yWebsocketClient(worker: Worker, room: CreatedRoom, role: Role, name: string = role): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${worker.wsUrl}/api/rooms/${room.roomId}`, 'ws', doc, {
    params: { token: room.tokens[role], name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return wrap(doc, provider);
}

export function yPartyserverClient(worker: Worker, room: CreatedRoom, role: Role, name = role): Client {
  const doc = new Y.Doc();
  const provider = new YProvider(worker.url.replace('http://', ''), room.roomId, doc, {
    prefix: `/api/rooms/${room.roomId}/ws`,
    params: { token: room.tokens[role], name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return wrap(doc, provider as unknown as WebsocketProvider);
}

export function whenSynced(client: Client): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => client.provider.once('sync', (synced: boolean) => synced && resolve()));
}
