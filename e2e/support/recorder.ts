/**
 * Everything one token receives, kept byte for byte: a stock Yjs provider
 * (y-partyserver's) whose sockets record every frame, binary and text, of every
 * (re)connection before anything reads it, and an HTTP client that records every
 * answer's status and body. A test then searches the lot for what must not be there.
 *
 * @example
 * const candidate = new Recorder(worker, room, 'candidate');
 * await candidate.api(`/api/runs/${runId}`);
 * expect(candidate.everything()).not.toContain(secret);
 */
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { RoomMessages } from '../../testing/roomClient';
import { fileByPath } from '../../worker/src/room/doc';
import type { Role } from './clients';
import type { CreatedRoom, Worker } from './worker';

export class Recorder {
  readonly doc = new Y.Doc();
  readonly provider: YProvider;
  /** Every frame received, as received: binary as bytes, text as text. */
  readonly frames: (Buffer | string)[] = [];
  /** Every HTTP answer to this token: what was asked, the status and the body. */
  readonly answers: { what: string; status: number; body: string }[] = [];
  readonly room = new RoomMessages();
  readonly #worker: Worker;
  readonly #token: string;

  constructor(worker: Worker, room: CreatedRoom, role: Role, name: string = role) {
    this.#worker = worker;
    this.#token = room.tokens[role];
    const frames = this.frames;
    // The provider opens each socket itself: a socket class that records first.
    class RecordingSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          frames.push(isBinary ? bytes : bytes.toString('utf8'));
        });
      }
    }
    this.provider = new YProvider(worker.url.replace('http://', ''), room.roomId, this.doc, {
      prefix: `/api/rooms/${room.roomId}/ws`,
      params: { token: this.#token, name, events: '1' },
      WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && this.provider.ws) this.room.listen(this.provider.ws);
    });
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => this.provider.once('sync', (synced: boolean) => synced && resolve()));
  }

  replace(path: string, content: string): void {
    const text = fileByPath(this.doc, path)?.text;
    if (!text) throw new Error(`no file ${path}`);
    this.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, content);
    });
  }

  /** An HTTP call with this token, its answer recorded. */
  async api(path: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.#token}`);
    const res = await fetch(`${this.#worker.url}${path}`, { ...init, headers });
    const answer = { what: `${init.method ?? 'GET'} ${path}`, status: res.status, body: await res.text() };
    this.answers.push(answer);
    return answer;
  }

  /** Every byte received, frames and answers, as one text (ASCII secrets survive latin1). */
  everything(): string {
    const frames = this.frames.map((f) => (typeof f === 'string' ? f : f.toString('latin1')));
    return [...frames, ...this.answers.map((a) => a.body)].join('\n');
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
