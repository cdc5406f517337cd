/**
 * The room's logic, apart from its transport: the authoritative Y.Doc, presence,
 * and what each message may do. It never touches a socket; it returns effects that
 * the Durable Object carries out, so it can be driven in plain unit tests.
 *
 * @example
 * const room = new Room(log);
 * for (const effect of room.receive({ connId, canWrite: true }, frame)) …
 */

import { LANGUAGES, type LanguageId } from '@codesync/executor/languages';
import * as Y from 'yjs';
import { LOG_COMPACT_BYTES, LOG_COMPACT_ROWS, MAX_DOC_BYTES } from '../limits';
import { type AwarenessEntry, AwarenessRegistry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness';
import { CLOSE_CODES, type ErrorCode } from './messages';
import {
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedFrameError,
} from './protocol';
import type { DocumentLog } from './updateLog';

export interface Sender {
  connId: string;
  /** Role may edit and the room is active. */
  canWrite: boolean;
}

export type Effect =
  | { kind: 'reply'; frame: Uint8Array }
  /** To every connection but the sender; already durable when returned. */
  | { kind: 'broadcast'; frame: Uint8Array }
  | { kind: 'refused'; code: ErrorCode; message: string }
  | { kind: 'close'; code: number; reason: string }
  /** The sender's presence changed; the DO keeps it in the socket's attachment. */
  | { kind: 'presence'; owned: AwarenessEntry[] };

export interface RoomFile {
  path: string;
  content: string;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new AwarenessRegistry();
  readonly #log: DocumentLog;
  /** Updates the doc integrated during the current message, to broadcast. */
  #integrated: Uint8Array[] = [];

  constructor(log: DocumentLog) {
    this.#log = log;
    for (const update of log.load()) Y.applyUpdate(this.doc, update);
    // Registered after the replay so loading writes nothing back.
    this.doc.on('update', (update: Uint8Array) => {
      this.#log.append(update);
      this.#integrated.push(update);
    });
  }

  /** Writes a new room's first file and metadata, once, on the server. */
  seed(language: LanguageId, title: string): void {
    const { entry, starter } = LANGUAGES[language];
    this.doc.transact(() => {
      this.doc.getMap<Y.Text>('files').set(entry, new Y.Text(starter));
      const meta = this.doc.getMap('meta');
      meta.set('title', title);
      meta.set('language', language);
      meta.set('activeFile', entry);
    });
    this.#integrated = [];
  }

  /** What a newly connected peer is sent first: our state vector and who is here. */
  welcome(): Uint8Array[] {
    const frames = [encodeSyncStep1(Y.encodeStateVector(this.doc))];
    const present = this.awareness.all();
    if (present.length > 0) frames.push(encodeAwareness(encodeAwarenessUpdate(present)));
    return frames;
  }

  receive(sender: Sender, frame: Uint8Array): Effect[] {
    try {
      const message = decodeFrame(frame);
      switch (message.kind) {
        case 'sync-step1':
          return [{ kind: 'reply', frame: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)) }];
        case 'update':
          return this.#receiveUpdate(sender, message.update);
        case 'awareness':
          return this.#receiveAwareness(sender, message.update);
        case 'query-awareness':
          return [{ kind: 'reply', frame: encodeAwareness(encodeAwarenessUpdate(this.awareness.all())) }];
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    } catch (error) {
      const reason = error instanceof MalformedFrameError ? error.message : `bad frame: ${(error as Error).message}`;
      // Close reasons are limited to 123 bytes by the WebSocket protocol.
      return [{ kind: 'close', code: CLOSE_CODES.badFrame, reason: reason.slice(0, 120) }];
    }
  }

  /** A connection left: its presence goes, and only its own. */
  leave(connId: string): Effect[] {
    const removed = this.awareness.removeOwner(connId);
    if (removed.length === 0) return [];
    return [{ kind: 'broadcast', frame: encodeAwareness(encodeAwarenessUpdate(removed)) }];
  }

  files(): RoomFile[] {
    const files = this.doc.getMap<Y.Text>('files');
    return [...files.entries()]
      .map(([path, text]) => ({ path, content: text.toString() }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The whole document as one update (for R2 and compaction). */
  snapshot(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  #receiveUpdate(sender: Sender, update: Uint8Array): Effect[] {
    Y.decodeUpdate(update); // throws on a malformed update before anything is applied
    if (!sender.canWrite) {
      // A reconnecting read-only client re-sends what it has; that is fine as long
      // as it holds nothing we lack.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return [];
      return [
        { kind: 'refused', code: 'read_only', message: 'You cannot edit in this room: your change was not applied.' },
      ];
    }
    if (this.#log.stats().totalBytes + update.byteLength > MAX_DOC_BYTES) {
      this.#compact(); // totalBytes is an upper bound; measure exactly before refusing
      if (this.#log.stats().totalBytes + update.byteLength > MAX_DOC_BYTES) {
        return [
          {
            kind: 'refused',
            code: 'doc_too_large',
            message: `The document would grow past ${MAX_DOC_BYTES} bytes: your change was not applied. Delete something first.`,
          },
        ];
      }
    }
    this.#integrated = [];
    Y.applyUpdate(this.doc, update, sender.connId);
    const integrated = this.#integrated;
    this.#integrated = [];
    if (integrated.length === 0) {
      // Nothing integrated: either a duplicate, or it waits for a missing dependency,
      // in which case the raw update must be on disk too.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) this.#log.append(update);
      return [];
    }
    this.#maybeCompact();
    const merged = integrated.length === 1 && integrated[0] ? integrated[0] : Y.mergeUpdates(integrated);
    return [{ kind: 'broadcast', frame: encodeUpdate(merged) }];
  }

  #receiveAwareness(sender: Sender, update: Uint8Array): Effect[] {
    const accepted = this.awareness.apply(sender.connId, decodeAwarenessUpdate(update));
    if (accepted.length === 0) return [];
    return [
      { kind: 'broadcast', frame: encodeAwareness(encodeAwarenessUpdate(accepted)) },
      { kind: 'presence', owned: this.awareness.ownedBy(sender.connId) },
    ];
  }

  #maybeCompact(): void {
    const { rows, logBytes } = this.#log.stats();
    if (rows > LOG_COMPACT_ROWS || logBytes > LOG_COMPACT_BYTES) this.#compact();
  }

  #compact(): void {
    this.#log.compact(this.snapshot());
  }
}
