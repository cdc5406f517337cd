/**
 * What a participant knows from the room's JSON messages: who they are, the room,
 * who is here, the runs, and what was refused. One pure fold, used by the web app's
 * connection and by every test client, so tests read the room exactly as people do.
 *
 * @example
 * let view = EMPTY_VIEW;
 * socket.addEventListener('message', (e) => {
 *   const message = readServerMessage(e.data);
 *   if (message) view = applyServerMessage(view, message);
 * });
 */

import type { Refusal } from '../refusals';
import { applyRunEvent } from '../runs/applyRunEvent';
import type { Run } from '../runs/run';
import type { LimitsMessage } from '../runs/runLimits';
import { TERMINAL_SCROLLBACK_CHARS } from '../terminal/limits';
import type { TerminalView } from '../terminal/messages';
import type { ClockMessage } from './clock';
import { type Peer, type RoomInfo, type ServerMessage, serverMessage } from './messages';
import type { QuestionView } from './question/schema';

/** Runs a participant keeps (the room sends the newest RUN_HISTORY on connect). */
export const MAX_RUNS_SHOWN = 20;
/** Refusals kept, newest last. */
const MAX_REFUSALS = 20;

export interface RoomView {
  you: Peer | null;
  room: RoomInfo | null;
  peers: readonly Peer[];
  runs: readonly Run[];
  refusals: readonly Refusal[];
  /** The interview's clock as the room last told it (room/clock.ts); `now` is the server's time then. */
  clock: Omit<ClockMessage, 'type'> | null;
  /** The room's question as this role sees it; null when the room has none. */
  question: QuestionView | null;
  /** The room's run limits and their bounds (runs/runLimits.ts); null until the room says. */
  limits: Omit<LimitsMessage, 'type'> | null;
  /** The libraries the room declares, per language (room/packages.ts). */
  packages: Readonly<Record<string, readonly string[]>>;
  /**
   * The shared terminal (terminal/messages.ts) and its screen: the recent screen sent on
   * connect plus the output since, the last TERMINAL_SCROLLBACK_CHARS of it.
   */
  terminal: TerminalView | null;
  terminalScreen: string;
  /** Why the last terminal closed, or what the last file brought back said. */
  terminalNotice: string | null;
}

export const EMPTY_VIEW: RoomView = {
  you: null,
  room: null,
  peers: [],
  runs: [],
  refusals: [],
  clock: null,
  question: null,
  limits: null,
  packages: {},
  terminal: null,
  terminalScreen: '',
  terminalNotice: null,
};

/**
 * A room message from a socket frame, checked against the schema; null for a binary
 * (Yjs) frame. A text frame that is not a room message throws: the server never
 * sends one, so it is a bug worth hearing about.
 */
export function readServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  const parsed = serverMessage.safeParse(JSON.parse(data));
  if (!parsed.success) throw new Error(`not a room message: ${parsed.error.message.slice(0, 200)}`);
  return parsed.data;
}

export function applyServerMessage(view: RoomView, message: ServerMessage): RoomView {
  switch (message.type) {
    case 'hello':
      return { ...view, you: message.you, room: message.room };
    case 'presence':
      return { ...view, peers: message.peers };
    case 'room':
      return { ...view, room: message.room };
    case 'error': {
      const { type: _type, ...refusal } = message;
      return { ...view, refusals: [...view.refusals, refusal].slice(-MAX_REFUSALS) };
    }
    case 'runs':
      return { ...view, runs: message.runs.slice(-MAX_RUNS_SHOWN) };
    case 'run.queued':
      return {
        ...view,
        runs: [...view.runs.filter((r) => r.runId !== message.run.runId), message.run].slice(-MAX_RUNS_SHOWN),
      };
    case 'run.event':
      return {
        ...view,
        runs: view.runs.map((r) => (r.runId === message.runId ? applyRunEvent(r, message.event) : r)),
      };
    case 'clock': {
      const { type: _type, ...clock } = message;
      return { ...view, clock, room: view.room && { ...view.room, endsAt: clock.endsAt } };
    }
    case 'question':
      return { ...view, question: message.question };
    case 'limits': {
      const { type: _type, ...limits } = message;
      return { ...view, limits };
    }
    case 'packages':
      return { ...view, packages: message.packages };
    case 'terminal':
      return message.terminal && message.terminal.terminalId !== view.terminal?.terminalId
        ? { ...view, terminal: message.terminal, terminalScreen: message.screen, terminalNotice: null }
        : { ...view, terminal: message.terminal };
    case 'terminal.output':
      return message.terminalId === view.terminal?.terminalId
        ? { ...view, terminalScreen: (view.terminalScreen + message.data).slice(-TERMINAL_SCROLLBACK_CHARS) }
        : view;
    case 'terminal.closed':
      return { ...view, terminal: null, terminalNotice: message.reason };
    case 'terminal.file':
      return { ...view, terminalNotice: message.message };
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}
