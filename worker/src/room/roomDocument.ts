/**
 * The room object's document in memory, and when it goes: loaded on first use after a
 * wake (with the surviving sockets' presence), let go when the room goes idle, after a
 * copy is left in R2 (SYNC16), unless updates a departed client left waiting keep it
 * until the alarm. Also the room's history store (storage/history.ts), made once.
 * RoomDO holds one; keeping this here keeps RoomDO about transport and RPC.
 *
 * @example
 * const document = new RoomDocument({ ctx, env, record: () => record, playback, alarmBy });
 * document.room.receive(sender, frame); // loads it if need be
 * document.letGo(); // the last socket closed
 */
import type { Env } from '../env';
import type { RoomHistory } from '../playback/roomHistory';
import { attachmentOf, isOpen } from './connections';
import { Room } from './room';
import type { RoomRecord } from './roomMeta';
import { SqliteDocumentLog } from './storage/documentLog';
import { History } from './storage/history';

export const snapshotKey = (roomId: string) => `rooms/${roomId}/snapshot.yjs`;

export interface DocumentHost {
  ctx: DurableObjectState;
  env: Env;
  record(): RoomRecord | null;
  /** Records the document's changes on the playback timeline. */
  playback: RoomHistory;
  alarmBy(at: number): Promise<void>;
}

export class RoomDocument {
  readonly #host: DocumentHost;
  #room: Room | null = null;
  #history: History | null = null;
  /** The room went idle but kept its document for updates a departed client left waiting (letGo). */
  #keptForHeld = false;

  constructor(host: DocumentHost) {
    this.#host = host;
  }

  /** The document, loaded on first use after a wake, with surviving sockets' presence. */
  get room(): Room {
    if (!this.#room) {
      const { ctx, playback } = this.#host;
      const room = new Room(new SqliteDocumentLog(ctx.storage, { writeOnFlush: true }));
      for (const ws of ctx.getWebSockets()) {
        const { connId, awareness } = attachmentOf(ws);
        room.awareness.apply(connId, awareness);
      }
      playback.watch(room.doc);
      this.#room = room;
    }
    return this.#room;
  }

  /** The document if it is in memory (nothing is loaded to answer). */
  loaded(): Room | null {
    return this.#room;
  }

  /** The room's history: rows here, segments in R2. Only asked once the room exists. */
  get history(): History {
    const { ctx, env, record } = this.#host;
    this.#history ??= new History(ctx.storage, env.SNAPSHOTS, (record() as RoomRecord).roomId);
    return this.#history;
  }

  /**
   * The room went idle: leave a copy of the document in R2 (taken now, stored log and
   * all), then let the document go, so an idle room holds no Y.Doc in memory while the
   * runtime keeps the object (SYNC16); the next socket or read loads it from storage.
   */
  letGo(): void {
    const { ctx, alarmBy } = this.#host;
    ctx.waitUntil(this.saveSnapshot());
    // Updates held for frames a closed client sent and the runtime has yet to deliver
    // keep the document; the late frame that completes them lets it go (#lastEdits), and
    // if none does, the alarm once they can no longer arrive (HELD_AFTER_LEAVE_MS).
    const heldUntil = this.#room?.heldUntil() ?? null;
    this.#keptForHeld = heldUntil !== null;
    if (heldUntil !== null) {
      ctx.waitUntil(alarmBy(heldUntil));
      return;
    }
    this.#room = null; // the history reader stays: it holds no document, and one archive runs at a time through it
  }

  /** At the alarm: a document kept for held updates goes once no socket is open. */
  letGoIfKept(): void {
    if (this.#keptForHeld && !this.#host.ctx.getWebSockets().some(isOpen)) this.letGo();
  }

  /** The whole document in R2, with the room's status, for the dashboard and a restore. */
  async saveSnapshot(): Promise<void> {
    const record = this.#host.record();
    if (!record) return;
    await this.#host.env.SNAPSHOTS.put(snapshotKey(record.roomId), this.room.snapshot(), {
      customMetadata: { status: record.status },
    });
  }

  /** The room was deleted: nothing of it stays in memory. */
  forget(): void {
    this.#room = null;
    this.#keptForHeld = false;
    this.#history = null;
  }
}
