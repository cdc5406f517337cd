/**
 * A recorded interview for the reconstruction tests: stock Yjs clients edit through a
 * room document that keeps each update it accepts with its time and author (as the
 * room's history does), and a watching client that receives every accepted update
 * tells what a person's screen held after each one.
 */
import * as Y from 'yjs';
import type { PageUpdate } from '../../../src/playback/page';
import type { PlaybackPerson } from '../../../src/playback/schema';
import type { FileContent } from '../../../src/room/doc';
import { entryFile, readFiles, seedDoc } from '../../../src/room/doc';

export interface Held {
  files: FileContent[];
  entry: string | null;
}

const ROOM: PlaybackPerson = { name: 'CodeSync', role: 'room' };

export class Interview {
  readonly room = new Y.Doc();
  readonly watcher = new Y.Doc();
  /** Every accepted update, in order, as history keeps it. */
  readonly history: PageUpdate[] = [];
  /** held[k]: what the watcher held after the first k updates. */
  readonly held: Held[] = [];
  readonly #clients = new Map<string, { doc: Y.Doc; who: PlaybackPerson; outbox: Uint8Array[] }>();
  #at = Date.UTC(2026, 11, 2, 10);
  #who: PlaybackPerson = ROOM;

  constructor(readonly rand: () => number) {
    this.held.push(this.#watching());
    this.room.on('update', (update: Uint8Array) => {
      // Times only go forward; several updates may share a millisecond.
      this.#at += Math.floor(this.rand() * 3);
      this.history.push({ seq: this.history.length + 1, at: this.#at, who: this.#who, update });
      Y.applyUpdate(this.watcher, update, 'room');
      for (const client of this.#clients.values()) Y.applyUpdate(client.doc, update, 'room');
      this.held.push(this.#watching());
    });
    seedDoc(this.room, { path: 'main.py', content: '#\n' });
  }

  /** A person joins with a stock client that starts from the room's state. */
  join(who: PlaybackPerson): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.room), 'room');
    const client = { doc, who, outbox: [] as Uint8Array[] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'room') client.outbox.push(update);
    });
    this.#clients.set(who.name, client);
    return doc;
  }

  /** Delivers what `name` has sent so far to the room (its edits may be concurrent with others'). */
  deliver(name: string): void {
    const client = this.#clients.get(name);
    if (!client) throw new Error(`${name} has not joined`);
    for (const update of client.outbox.splice(0)) {
      this.#who = client.who;
      Y.applyUpdate(this.room, update, client.who);
      this.#who = ROOM;
    }
  }

  #watching(): Held {
    return { files: readFiles(this.watcher), entry: entryFile(this.watcher)?.path ?? null };
  }
}
