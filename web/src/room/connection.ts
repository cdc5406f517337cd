/**
 * The one module that owns a room's socket. It holds the shared Y.Doc and presence,
 * reads the room's JSON messages off the same socket, keeps edits made offline and
 * sends them on reconnect (Yjs does), and keeps an ended room readable.
 * Components subscribe to `state` through `useRoom` and call its methods.
 *
 * @example
 * const conn = new RoomConnection({ roomId, token, name });
 * conn.subscribe(() => render(conn.state));
 * conn.run({ stdin: '3 4' });
 */
import { CLOSE_CODES } from '@codesync/worker/close-codes';
import { paletteColor } from '@codesync/worker/presence';
import { can } from '@codesync/worker/roles';
import { applyServerMessage, EMPTY_VIEW, type RoomView, readServerMessage } from '@codesync/worker/room-view';
import YProvider from 'y-partyserver/provider';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

export type Status = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The room as its messages tell it (roomView.ts, the fold tests use too), plus the socket's state. */
export interface RoomState extends RoomView {
  status: Status;
  /** The document has arrived from the server at least once. */
  synced: boolean;
  /** The last thing the server refused, in words for people. */
  notice: { code: string; message: string; at: number } | null;
  /** Why the socket cannot connect at all (bad link, unknown room). */
  fatal: string | null;
}

export const INITIAL_STATE: RoomState = {
  ...EMPTY_VIEW,
  status: 'connecting',
  synced: false,
  notice: null,
  fatal: null,
};

const NOTICE_MS = 8_000;

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: YProvider;
  readonly awareness: Awareness;
  state: RoomState = INITIAL_STATE;
  readonly #listeners = new Set<() => void>();
  readonly #roomId: string;
  readonly #token: string;

  constructor({ roomId, token, name }: { roomId: string; token: string; name: string }) {
    this.#roomId = roomId;
    this.#token = token;
    this.provider = new YProvider(location.host, roomId, this.doc, {
      prefix: `/api/rooms/${roomId}/ws`,
      protocol: location.protocol === 'https:' ? 'wss' : 'ws',
      // A fresh single-use ticket for every (re)connect: the token never goes in a URL.
      params: async () => ({ ticket: await this.#ticket(), name, events: '1' }),
      maxBackoffTime: 5_000,
    });
    this.awareness = this.provider.awareness;
    // The room rebuilds this state (name and role from the link, colour from its palette).
    this.awareness.setLocalStateField('user', { name, color: paletteColor(this.doc.clientID) });

    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.provider.ws?.addEventListener('message', this.#onMessage);
        this.#set({ status: 'connected' });
      } else {
        this.#set({ status: navigator.onLine ? 'reconnecting' : 'offline' });
      }
    });
    this.provider.on('connection-close', (event: CloseEvent) => this.#onClose(event));
    this.provider.on('sync', (synced: boolean) => {
      if (synced && !this.state.synced) this.#set({ synced: true });
    });
    addEventListener('offline', this.#onOffline);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): RoomState => this.state;

  /** The roles' rules come from the worker (roles.ts); the server checks them again. */
  canEdit(): boolean {
    const role = this.state.you?.role;
    return this.state.room?.status === 'active' && role !== undefined && can(role, 'edit');
  }

  run(request: { path?: string; stdin?: string }): void {
    this.#send({ type: 'run', ...request });
  }

  /** Ends the interview for everyone (interviewer only; the server checks). */
  async end(): Promise<void> {
    const res = await fetch(`/api/rooms/${this.#roomId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#token}` },
    });
    if (!res.ok) {
      const body = (await res.json()) as { error?: { message?: string } };
      this.#notify('end_failed', body.error?.message ?? 'Could not end the interview.');
    }
  }

  destroy(): void {
    removeEventListener('offline', this.#onOffline);
    this.provider.destroy();
    this.doc.destroy();
  }

  #send(message: object): void {
    if (this.provider.ws?.readyState === WebSocket.OPEN) this.provider.ws.send(JSON.stringify(message));
    else this.#notify('offline', 'You are offline; try again once reconnected.');
  }

  #onMessage = (event: MessageEvent): void => {
    const message = readServerMessage(event.data);
    if (!message) return;
    const { you, room, peers, runs, refusals } = applyServerMessage(this.state, message);
    this.#set({ you, room, peers, runs, refusals });
    if (message.type === 'error') this.#notify(message.code, message.message);
  };

  #onClose = (event: CloseEvent): void => {
    if (event.code === CLOSE_CODES.roomEnded) {
      // The provider reconnects on its own: an ended room still reads, read-only.
      this.#set({ room: this.state.room ? { ...this.state.room, status: 'ended' } : null });
    } else if (this.state.you === null && this.state.fatal === null) {
      // Closed before the room ever said hello: the upgrade was refused.
      void this.#explainRefusal();
    }
  };

  /** Buys a WebSocket ticket with the link token (POST /api/rooms/:roomId/tickets). */
  async #ticket(): Promise<string> {
    const res = await fetch(`/api/rooms/${this.#roomId}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#token}` },
    });
    // A refused ticket opens nothing; the socket's close then asks the API why.
    if (!res.ok) return '';
    return ((await res.json()) as { ticket: string }).ticket;
  }

  /** A socket refused before upgrade says nothing; ask the HTTP API why. */
  async #explainRefusal(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`/api/rooms/${this.#roomId}`, { headers: { authorization: `Bearer ${this.#token}` } });
    } catch {
      return; // the server is unreachable: the status already says reconnecting/offline
    }
    if (res.ok) return;
    const body = (await res.json()) as { error?: { message?: string } };
    this.provider.disconnect();
    this.#set({ fatal: body.error?.message ?? 'This room cannot be opened.', status: 'offline' });
  }

  #onOffline = (): void => {
    this.#set({ status: 'offline' });
  };

  /** Shows a notice for a few seconds (a newer one replaces it). */
  #notify(code: string, message: string): void {
    const notice = { code, message, at: Date.now() };
    this.#set({ notice });
    setTimeout(() => {
      if (this.state.notice === notice) this.#set({ notice: null });
    }, NOTICE_MS);
  }

  #set(patch: Partial<RoomState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
