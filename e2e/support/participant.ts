/**
 * A participant as the web app is one: a Yjs client on a socket that asked for room
 * messages (`&events=1`). It uses y-partyserver's stock provider, which ignores text
 * frames it does not know, and reads the room's JSON messages off the same socket.
 */

import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { RoomMessages } from '../../testing/roomClient';
import { fileByPath } from '../../worker/src/room/doc';
import type { ServerMessage } from '../../worker/src/room/messages';
import type { Run } from '../../worker/src/runs/run';
import type { Role } from './clients';
import type { CreatedRoom, Worker } from './worker';

export class Participant {
  readonly doc = new Y.Doc();
  readonly provider: YProvider;
  /** The room's JSON messages, folded by the web app's own fold. */
  readonly room = new RoomMessages();

  constructor(worker: Worker, room: CreatedRoom, role: Role, name: string = role) {
    this.provider = new YProvider(worker.url.replace('http://', ''), room.roomId, this.doc, {
      prefix: `/api/rooms/${room.roomId}/ws`,
      params: { token: room.tokens[role], name, events: '1' },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // Each (re)connection has a new socket: listen on each one.
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      if (this.provider.ws) this.room.listen(this.provider.ws);
    });
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => this.provider.once('sync', (synced: boolean) => synced && resolve()));
  }

  file(path = 'main.py'): Y.Text {
    const file = fileByPath(this.doc, path);
    if (!file) throw new Error(`no file ${path} in the room`);
    return file.text;
  }

  replace(path: string, content: string): void {
    const text = this.file(path);
    this.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, content);
    });
  }

  run(request: { path?: string; stdin?: string } = {}): void {
    this.provider.ws?.send(JSON.stringify({ type: 'run', ...request }));
  }

  /** Messages about one run, in arrival order. */
  runMessages(runId: string): ServerMessage[] {
    return this.messages.filter(
      (m) => (m.type === 'run.event' ? m.runId : m.type === 'run.queued' ? m.run.runId : null) === runId,
    );
  }

  get messages(): ServerMessage[] {
    return this.room.messages;
  }

  /** The room's runs as the web app shows them. */
  runs(): readonly Run[] {
    return this.room.view.runs;
  }

  runById(runId: string): Run | undefined {
    return this.room.runById(runId);
  }

  find<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ) {
    return this.room.find(type, where);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
