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
import type { LanguageId } from '@codesync/executor/languages';
import type { ClockChange } from '@codesync/worker/clock';
import { CLOSE_CODES } from '@codesync/worker/close-codes';
import { readFiles } from '@codesync/worker/doc';
import { fullness, measure } from '@codesync/worker/doc-size';
import type { QuestionChangeInput } from '@codesync/worker/question';
import { can, type Role } from '@codesync/worker/roles';
import { applyServerMessage, readServerMessage } from '@codesync/worker/room-view';
import type { RunLimitsChange } from '@codesync/worker/runs';
import type { TerminalClientMessage } from '@codesync/worker/terminal';
import YProvider from 'y-partyserver/provider';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ApiError, api, messageOf } from '../api/client';
import { mustRepick, pickColour } from './colours';
import { connectDeadline } from './connectDeadline';
import { ConnectionHealth, PresenceUse } from './health';
import { personId } from './link';
import { sendOwnPresenceOnly } from './ownPresence';
import { INITIAL_STATE, type Notice, type RoomState, withCopy } from './roomState';
import { RoundTrip, TICK_MS } from './roundTrip';
import { saveLinks } from './savedLinks';
import { buyTicket } from './ticket';

/** The size is measured at most this often (an encode of the whole document). */
const SIZE_EVERY_MS = 500;

const NOTICE_MS = 8_000;

/**
 * Refusals that mean the room did not take a change this client has already applied:
 * from then on its copy holds something the room never will, and every later edit
 * depends on it. The copy is dropped and taken from the room again (see `onDiverged`).
 */
const DIVERGED = new Set(['doc_too_large', 'bad_document', 'edits_too_fast', 'history_full']);

declare global {
  interface Window {
    /** The room's connection, for tests and debugging. */
    codesyncConnection?: RoomConnection;
  }
}

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: YProvider;
  readonly awareness: Awareness;
  state: RoomState = INITIAL_STATE;
  readonly #listeners = new Set<() => void>();
  readonly #roomId: string;
  readonly #token: string;
  readonly #divergedListeners = new Set<(notice: Notice) => void>();
  readonly #terminalListeners = new Set<(message: { terminalId: string; data: string }) => void>();
  #terminalScreen = '';
  #diverged = false;
  #destroyed = false;
  readonly #roundTrip: RoundTrip;
  /** The socket the text frames are numbered on, and the next number (#send). */
  #numbered: { ws: WebSocket | null; next: number } = { ws: null, next: 0 };
  readonly #stopDeadline: () => void;

  /** `notice`: what to tell the person at once (why the previous connection was replaced). */
  constructor({ roomId, token, name, notice }: { roomId: string; token: string; name: string; notice?: Notice }) {
    this.#roomId = roomId;
    this.#token = token;
    this.provider = new YProvider(location.host, roomId, this.doc, {
      prefix: `/api/rooms/${roomId}/ws`,
      protocol: location.protocol === 'https:' ? 'wss' : 'ws',
      // A fresh single-use ticket for every (re)connect: the token never goes in a URL.
      // `person`: one per browser, so the same person in two tabs is listed once.
      params: async () => {
        const ticket = await buyTicket(roomId, token); // never throws (ticket.ts says why)
        // The provider's first connect turns itself back on after this await: a page
        // that went away meanwhile would leave a socket open behind it.
        if (this.#destroyed) throw new Error('The room was left while its ticket was bought.');
        return { ticket, name, events: '1', person: personId() };
      },
      maxBackoffTime: 5_000,
      connect: false, // connected below, once the listeners are on
    });
    sendOwnPresenceOnly(this.provider);
    this.awareness = this.provider.awareness;
    this.#setColour(name, pickColour(this.#othersColours()));
    this.awareness.on('change', () => {
      const own = this.awareness.getLocalState()?.user as { color?: string } | undefined;
      const others = new Map(
        [...this.awareness.getStates()]
          .filter(([id]) => id !== this.doc.clientID)
          .map(([id, state]) => [id, (state.user as { color?: string } | undefined)?.color ?? ''] as const),
      );
      if (own?.color && mustRepick({ clientId: this.doc.clientID, colour: own.color }, others)) {
        this.#setColour(name, pickColour([...others.values()]));
      }
    });

    // The state comes from the socket: the window's online/offline events only
    // re-read it (a short blip may never close the socket at all).
    this.provider.on('status', () => this.#readSocket());
    this.provider.on('connection-close', (event: CloseEvent) => this.#onClose(event));
    this.provider.on('sync', (synced: boolean) => {
      if (synced && !this.state.synced) this.#set({ synced: true });
    });
    addEventListener('offline', this.#readSocket);
    addEventListener('online', this.#readSocket);
    this.doc.on('update', this.#onDocUpdate);
    this.#roundTrip = new RoundTrip(this.doc, (catchingUp) => this.#set({ catchingUp }));
    this.doc.on('update', () => this.#roundTrip.touch());
    const use = new PresenceUse(); // a shared round-trip figure is not use (health.ts)
    type Changes = { added: number[]; updated: number[]; removed: number[] };
    this.awareness.on('change', ({ added, updated, removed }: Changes) => {
      if (use.changed(this.awareness.getStates(), [...added, ...updated, ...removed])) this.#roundTrip.touch();
    });
    // Its pings also keep a quiet socket inside the room's 30 s presence sweep (RoomDO).
    this.#health = new ConnectionHealth(
      (health) => this.#set({ health }),
      (rttMs) => this.awareness.setLocalStateField('rttMs', rttMs),
    );
    this.#probe = setInterval(() => {
      const ws = this.provider.ws;
      this.#health.tick(ws, document.visibilityState === 'visible');
      if (ws?.readyState === WebSocket.OPEN && this.provider.synced) this.#roundTrip.tick(ws);
      else this.#roundTrip.reset();
    }, TICK_MS);
    this.#stopDeadline = connectDeadline(() => this.provider.ws);
    if (notice) this.#notify(notice.code, notice.message);
    if (notice?.kept?.length) this.#set({ unkept: notice.kept });
    window.codesyncConnection = this;
    this.provider.connect().catch((error: Error) => {
      // Only a page that left while connecting gets here (params above never fails otherwise).
      if (!this.#destroyed) this.#set({ fatal: `Could not connect: ${error.message}`, status: 'offline' });
    });
  }

  /**
   * Called once if the room refused a change this copy already holds (or closed the
   * socket over one). The connection has stopped; the owner replaces it with a fresh
   * one, which takes the files from the room and shows `notice`. Nothing is dropped
   * silently: the notice says what was not kept.
   */
  /** The person has what the room did not keep (or does not want it): stop offering it. */
  dismissUnkept(): void {
    this.#set({ unkept: null });
  }

  onDiverged(listener: (notice: Notice) => void): () => void {
    this.#divergedListeners.add(listener);
    return () => this.#divergedListeners.delete(listener);
  }

  readonly #health: ConnectionHealth;
  readonly #probe: ReturnType<typeof setInterval>;
  #listening: WebSocket | null = null;

  #othersColours(): string[] {
    return [...this.awareness.getStates()]
      .filter(([id]) => id !== this.doc.clientID)
      .map(([, state]) => (state.user as { color?: string } | undefined)?.color ?? '');
  }

  #setColour(name: string, color: string): void {
    this.awareness.setLocalStateField('user', { name, color, colorLight: `${color}55` });
  }

  #readSocket = (): void => {
    const ws = this.provider.ws;
    if (this.state.fatal) return;
    if (ws && this.provider.wsconnected && ws.readyState === WebSocket.OPEN) {
      if (this.#listening !== ws) {
        ws.addEventListener('message', this.#onMessage);
        this.#listening = ws;
      }
      this.#set({ status: 'connected', attempts: 0 });
    } else {
      const lost = this.state.you ? 'reconnecting' : 'connecting'; // never connected yet: still connecting
      this.#set({ status: navigator.onLine ? lost : 'offline' });
    }
  };

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

  run(request: { path?: string; stdin?: string; interactive?: boolean }): void {
    this.#send({ type: 'run', ...request });
  }

  /** The shared terminal's messages (editors; the server checks roles and the keyboard). */
  terminal(message: TerminalClientMessage): void {
    this.#send(message);
  }

  /** The terminal's recent screen (what a late joiner is sent, plus what came since). */
  terminalScreen(): string {
    return this.#terminalScreen;
  }

  /** Hears each piece of terminal output as it arrives; answers the unsubscribe. */
  onTerminalOutput(listener: (message: { terminalId: string; data: string }) => void): () => void {
    this.#terminalListeners.add(listener);
    return () => this.#terminalListeners.delete(listener);
  }

  /** Types into a live interactive run (editors; the server checks): everyone sees the echo. */
  stdin(runId: string, input: { data: string } | { eof: true }): void {
    this.#send({ type: 'stdin', runId, ...input });
  }

  /** Stops a live interactive run (Ctrl-C in the console). */
  stopRun(runId: string): void {
    this.#send({ type: 'run.stop', runId });
  }

  /** Changes the room's run limits for everyone (editors; the server checks): the room tells everyone. */
  setLimits(limits: RunLimitsChange): void {
    this.#send({ type: 'limits', limits });
  }

  /** Changes the room's question (interviewer only; the server checks): everyone is sent their view of it. */
  changeQuestion(change: QuestionChangeInput): void {
    this.#send({ type: 'question.change', change });
  }

  /** Runs the room's test cases on the entry file (or `path`); results arrive as a run of kind `tests`. */
  runTests(request: { path?: string } = {}): void {
    this.#send({ type: 'tests', ...request });
  }

  /** Ends the interview for everyone (interviewer only; the server checks). */
  async end(): Promise<void> {
    try {
      await api(`/api/rooms/${this.#roomId}/end`, { method: 'POST', token: this.#token });
    } catch (error) {
      this.#notify('end_failed', messageOf(error));
    }
  }

  /** Sets, extends or clears the interview's clock (interviewer only; the server checks). */
  changeClock(change: ClockChange): void {
    this.#send({ type: 'clock', change });
  }

  /** Switches the room's language (interviewer only; the server checks); everyone is told by the room. */
  async switchLanguage(language: LanguageId): Promise<void> {
    try {
      await api(`/api/rooms/${this.#roomId}/language`, { method: 'POST', token: this.#token, body: { language } });
    } catch (error) {
      this.#notify('language_failed', messageOf(error));
    }
  }

  /**
   * Tells the person that a change of theirs was not applied, and why; the editor
   * calls it when it refuses a change before applying it (a paste over a limit).
   */
  refuseLocally(code: string, message: string): void {
    this.#notify(code, message);
  }

  /** Replaces a role's link (interviewer only; the server checks); answers the new link. */
  async replaceLink(role: Role): Promise<string> {
    const body = await api<{ link: string }>(`/api/rooms/${this.#roomId}/links/${role}`, {
      method: 'POST',
      token: this.#token,
    });
    saveLinks(this.#roomId, { [role]: body.link });
    // Your own link changed: this page's token no longer opens the room.
    if (role === this.state.you?.role) location.replace(body.link);
    return body.link;
  }

  destroy(): void {
    this.#destroyed = true;
    if (window.codesyncConnection === this) window.codesyncConnection = undefined;
    this.#divergedListeners.clear();
    clearInterval(this.#probe);
    this.#stopDeadline();
    removeEventListener('offline', this.#readSocket);
    removeEventListener('online', this.#readSocket);
    this.doc.off('update', this.#onDocUpdate);
    if (this.#sizeTimer !== null) clearTimeout(this.#sizeTimer);
    this.provider.destroy();
    this.doc.destroy();
  }

  #send(message: object): void {
    const ws = this.provider.ws;
    if (ws?.readyState !== WebSocket.OPEN) {
      this.#notify('offline', 'You are offline; try again once reconnected.');
      return;
    }
    // Numbered from 0 on each socket: the room hands them on in this order (worker/src/room/inOrder.ts).
    if (this.#numbered.ws !== ws) this.#numbered = { ws, next: 0 };
    ws.send(JSON.stringify({ ...message, seq: this.#numbered.next++ }));
  }

  #onMessage = (event: MessageEvent): void => {
    if (event.data instanceof ArrayBuffer) {
      // Yjs frames are the provider's; a step 2 may answer our round-trip probe.
      this.#roundTrip.received(event.currentTarget as WebSocket, event.data);
      return;
    }
    if (event.data === 'pong') {
      this.#health.pong(event.currentTarget as WebSocket); // the runtime's answer to our ping
      return;
    }
    const message = readServerMessage(event.data);
    if (!message) return;
    const { you, room, peers, runs, refusals, clock, question, limits, packages, terminal, terminalNotice } =
      applyServerMessage(this.state, message);
    // The terminal's screen is written to xterm as it comes (onTerminalOutput), not re-rendered.
    this.#terminalScreen = applyServerMessage(
      { ...this.state, terminalScreen: this.#terminalScreen },
      message,
    ).terminalScreen;
    if (message.type === 'terminal.output') for (const listener of this.#terminalListeners) listener(message);
    else this.#set({ you, room, peers, runs, refusals, clock, question, limits, packages, terminal, terminalNotice });
    // The server's time against ours, as the message arrives: the countdown ignores a wrong local clock.
    if (message.type === 'clock') this.#set({ clockOffsetMs: message.now - Date.now() });
    if (message.type === 'error' && DIVERGED.has(message.code)) this.#diverge(message.code, message.message);
    else if (message.type === 'error') this.#notify(message.code, message.message);
  };

  #diverge(code: string, why: string): void {
    if (this.#diverged) return;
    this.#diverged = true;
    this.provider.disconnect(); // never re-send what the room refused
    const message = `${why} Your copy of the files was reloaded from the room; the room did not keep what you typed after that change, and your copy is offered to download.`;
    // This page's files as they are now, refused change included, after any copies still
    // on offer from earlier refusals: offered for download until dismissed.
    const kept = withCopy(this.state.unkept, { at: Date.now(), files: readFiles(this.doc) });
    for (const listener of this.#divergedListeners) listener({ code, message, kept });
  }

  #onClose = (event: CloseEvent): void => {
    // Closed before it ever opened: one more failed try (the provider tries again).
    if (!this.provider.wsconnected) this.#set({ attempts: this.state.attempts + 1 });
    if (event.code === CLOSE_CODES.frameTooLarge) {
      this.#diverge('frame_too_large', `A change of yours was too large to send (${event.reason}).`);
    } else if (event.code === CLOSE_CODES.linkReplaced || event.code === CLOSE_CODES.accessRevoked) {
      // Retrying cannot help: the room says why in words (a replaced link, an account that lost access).
      this.provider.disconnect();
      this.#set({ fatal: event.reason || 'You can no longer open this room.', status: 'offline' });
    } else if (event.code === CLOSE_CODES.roomEnded) {
      // The provider reconnects on its own: an ended room still reads, read-only.
      this.#set({ room: this.state.room ? { ...this.state.room, status: 'ended' } : null });
    } else if (this.state.you === null && this.state.fatal === null) {
      // Closed before the room ever said hello: the upgrade was refused.
      void this.#explainRefusal();
    }
  };

  /** A socket refused before upgrade says nothing; ask the HTTP API why. */
  async #explainRefusal(): Promise<void> {
    try {
      await api(`/api/rooms/${this.#roomId}`, { token: this.#token });
      return; // the room opens: the socket's close was something else
    } catch (error) {
      // Unreachable: the status already says reconnecting/offline.
      if (error instanceof ApiError && error.status === 0) return;
      this.provider.disconnect();
      this.#set({ fatal: messageOf(error), status: 'offline' });
    }
  }

  #sizeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Measures the document's size shortly after a change (at most every SIZE_EVERY_MS). */
  #onDocUpdate = (): void => {
    if (this.#sizeTimer !== null) return;
    this.#sizeTimer = setTimeout(() => {
      this.#sizeTimer = null;
      const size = measure(this.doc);
      this.#set({ size: { total: size.total, encoded: size.encoded ?? 0, fullness: fullness(size) } });
    }, SIZE_EVERY_MS);
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
