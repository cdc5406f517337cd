/**
 * A test's ear on a room socket: every room message (JSON text frame) it hears, read
 * and folded by the same code the web app uses (worker/src/room/roomView.ts), so a
 * test sees the room exactly as a person's browser does.
 *
 * @example
 * const room = new RoomMessages();
 * room.listen(socket);
 * await until(() => room.find('run.queued'), 'the run');
 */
import type { RefusalCode } from '../worker/src/refusals';
import type { ServerMessage } from '../worker/src/room/messages';
import { applyServerMessage, EMPTY_VIEW, type RoomView, readServerMessage } from '../worker/src/room/roomView';
import type { Run } from '../worker/src/runs/run';

interface MessageSource {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export class RoomMessages {
  readonly messages: ServerMessage[] = [];
  view: RoomView = EMPTY_VIEW;

  /** `onMessage` hears each message the moment it is folded in (benches time with it). */
  constructor(private readonly onMessage: (message: ServerMessage) => void = () => {}) {}

  /** Hears every text frame of `socket` (call again with each reconnection's socket). */
  listen(socket: MessageSource): void {
    socket.addEventListener('message', (event) => this.receive(event.data));
  }

  /** One frame; binary (Yjs) frames are not room messages and are ignored. */
  receive(data: unknown): void {
    const message = readServerMessage(data);
    if (!message) return;
    this.messages.push(message);
    this.view = applyServerMessage(this.view, message);
    this.onMessage(message);
  }

  /** The codes of everything the room refused this client, oldest first. */
  errors(): RefusalCode[] {
    return this.messages.flatMap((m) => (m.type === 'error' ? [m.code] : []));
  }

  find<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ): Extract<ServerMessage, { type: T }> | undefined {
    return this.messages.find((m): m is Extract<ServerMessage, { type: T }> => m.type === type && where(m as never));
  }

  runById(runId: string): Run | undefined {
    return this.view.runs.find((r) => r.runId === runId);
  }
}
