/**
 * The one module that owns a room's panel socket (GET /api/rooms/:roomId/panel): the
 * panel's notes doc (worker/src/panel/panelDoc.ts) and the integrity signals heard on
 * it. Only the interviewer and observers ever create one; the server refuses anyone
 * else. Components subscribe to `state` and edit the doc through panelDoc's operations.
 *
 * @example
 * const panel = new PanelConnection({ roomId, token, name });
 * panel.subscribe(() => render(panel.state));
 */
import { definePanelTypes } from '@codesync/worker/panel-doc';
import { readPanelMessage, type Signal } from '@codesync/worker/panel-signals';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { buyTicket } from '../room/ticket';

export interface PanelState {
  status: 'connecting' | 'connected' | 'reconnecting';
  /** The notes doc has arrived from the server at least once. */
  synced: boolean;
  /** Every signal so far, oldest first. */
  signals: Signal[];
  /** The last thing the panel refused, in words. */
  notice: string | null;
}

const INITIAL: PanelState = { status: 'connecting', synced: false, signals: [], notice: null };

declare global {
  interface Window {
    /** The panel's connection, for tests and debugging. */
    codesyncPanel?: PanelConnection;
  }
}

export class PanelConnection {
  readonly doc = new Y.Doc();
  readonly provider: YProvider;
  state: PanelState = INITIAL;
  readonly #listeners = new Set<() => void>();
  #listening: WebSocket | null = null;
  #destroyed = false;

  constructor({ roomId, token, name }: { roomId: string; token: string; name: string }) {
    definePanelTypes(this.doc);
    this.provider = new YProvider(location.host, roomId, this.doc, {
      prefix: `/api/rooms/${roomId}/panel`,
      protocol: location.protocol === 'https:' ? 'wss' : 'ws',
      // A fresh single-use ticket per (re)connect, as the room's socket (room/ticket.ts).
      params: async () => {
        const ticket = await buyTicket(roomId, token);
        if (this.#destroyed) throw new Error('The panel was closed while its ticket was bought.');
        return { ticket, name, events: '1' };
      },
      maxBackoffTime: 5_000,
      connect: false,
    });
    this.provider.on('status', this.#readSocket);
    this.provider.on('sync', (synced: boolean) => {
      if (synced && !this.state.synced) this.#set({ synced: true });
    });
    window.codesyncPanel = this;
    this.provider.connect().catch((error: Error) => {
      if (!this.#destroyed) this.#set({ notice: `Could not open the panel: ${error.message}` });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): PanelState => this.state;

  destroy(): void {
    this.#destroyed = true;
    if (window.codesyncPanel === this) window.codesyncPanel = undefined;
    this.provider.destroy();
    this.doc.destroy();
  }

  #readSocket = (): void => {
    const ws = this.provider.ws;
    if (ws && this.provider.wsconnected && ws.readyState === WebSocket.OPEN) {
      if (this.#listening !== ws) {
        ws.addEventListener('message', this.#onMessage);
        this.#listening = ws;
      }
      this.#set({ status: 'connected' });
    } else {
      this.#set({ status: this.state.synced ? 'reconnecting' : 'connecting' });
    }
  };

  #onMessage = (event: MessageEvent): void => {
    const message = readPanelMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'signals':
        this.#set({ signals: message.signals });
        break;
      case 'signal':
        if (!this.state.signals.some((s) => s.seq === message.signal.seq)) {
          this.#set({ signals: [...this.state.signals, message.signal] });
        }
        break;
      case 'error':
        this.#set({ notice: message.message });
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled panel message ${JSON.stringify(unreachable)}`);
      }
    }
  };

  #set(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
