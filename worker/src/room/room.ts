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
import type { Role } from '../auth/roles';
import {
  LOG_COMPACT_BYTES,
  LOG_COMPACT_ROWS,
  MAX_AWARENESS_CLIENTS_PER_CONNECTION,
  MAX_DOC_BYTES,
  MAX_HELD_UPDATE_BYTES,
  MAX_HELD_UPDATES,
} from '../limits';
import { type Refusal, refuse } from '../refusals';
import { type Audience, EVERYONE } from './audience';
import {
  type AwarenessEntry,
  AwarenessRegistry,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  PresenceLimitError,
} from './awareness';
import { CLOSE_CODES } from './closeCodes';
import { entryFile, type FileContent, migrateDoc, readFiles, seedDoc } from './doc';
import { checkUpdate } from './docGate';
import { sanitizePresence } from './presence';
import {
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedFrameError,
} from './protocol';
import { type Author, type DocumentLog, ROOM_AUTHOR } from './storage/documentLog';

export interface Sender {
  connId: string;
  name: string;
  role: Role;
  /** Role may edit and the room is active. */
  canWrite: boolean;
}

export type Effect =
  /** A binary frame; a broadcast update is already durable when returned. */
  | { kind: 'send'; frame: Uint8Array; audience: Audience }
  /** Told to the sender as a room message. */
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'close'; code: number; reason: string }
  /** The sender's presence changed; the DO keeps it in the socket's attachment. */
  | { kind: 'presence'; owned: AwarenessEntry[] }
  /** A compaction covered history rows: the DO moves them to R2. */
  | { kind: 'archive' };

const toSender = (connId: string): Audience => ({ to: 'connection', connId });

interface Held {
  sender: Sender;
  update: Uint8Array;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new AwarenessRegistry();
  readonly #log: DocumentLog;
  readonly #now: () => number;
  /** Updates the doc integrated during the current message, to broadcast. */
  #integrated: Uint8Array[] = [];
  #compacted = false;
  /**
   * Updates that arrived before one they depend on, per connection. They wait here,
   * not in the document's pending store, so the document never holds a struct that
   * its peers cannot get; a connection's are dropped when it leaves.
   */
  readonly #held = new Map<string, Held[]>();

  constructor(log: DocumentLog, now: () => number = Date.now) {
    this.#log = log;
    this.#now = now;
    const stored = log.load();
    for (const update of stored) Y.applyUpdate(this.doc, update);
    // Registered after the replay so loading writes nothing back. Every change is
    // stored with its author: the transaction origin (the room itself when none).
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#log.append(update, isAuthor(origin) ? origin : ROOM_AUTHOR, this.#now());
      this.#integrated.push(update);
    });
    // Rooms made before file ids are migrated the first time they wake.
    if (stored.length > 0) migrateDoc(this.doc);
    this.#integrated = [];
  }

  /** Writes a new room's first file, once, on the server. */
  seed(language: LanguageId): void {
    const { entry, starter } = LANGUAGES[language];
    seedDoc(this.doc, { path: entry, content: starter });
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
        case 'sync-step1': {
          const diff = Y.encodeStateAsUpdate(this.doc, message.stateVector);
          return [{ kind: 'send', frame: encodeSyncStep2(diff), audience: toSender(sender.connId) }];
        }
        case 'update':
          return this.#receiveUpdate(sender, message.update);
        case 'awareness':
          return this.#receiveAwareness(sender, message.update);
        case 'query-awareness': {
          const all = encodeAwareness(encodeAwarenessUpdate(this.awareness.all()));
          return [{ kind: 'send', frame: all, audience: toSender(sender.connId) }];
        }
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    } catch (error) {
      if (error instanceof PresenceLimitError) {
        return [{ kind: 'close', code: CLOSE_CODES.presenceRefused, reason: error.message.slice(0, 120) }];
      }
      const reason = error instanceof MalformedFrameError ? error.message : `bad frame: ${(error as Error).message}`;
      // Close reasons are limited to 123 bytes by the WebSocket protocol.
      return [{ kind: 'close', code: CLOSE_CODES.badFrame, reason: reason.slice(0, 120) }];
    }
  }

  /** A connection left: its presence goes, and only its own, and so do its held updates. */
  leave(connId: string): Effect[] {
    this.#held.delete(connId);
    const removed = this.awareness.removeOwner(connId);
    if (removed.length === 0) return [];
    return [{ kind: 'send', frame: encodeAwareness(encodeAwarenessUpdate(removed)), audience: EVERYONE }];
  }

  /** Every file with its content, as a run is sent them. */
  files(): FileContent[] {
    return readFiles(this.doc);
  }

  /** The path of the file Run starts from. */
  entryPath(): string | null {
    return entryFile(this.doc)?.path ?? null;
  }

  /** The whole document as one update (for R2 and compaction). */
  snapshot(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  #receiveUpdate(sender: Sender, update: Uint8Array): Effect[] {
    if (!sender.canWrite) {
      Y.decodeUpdate(update); // a malformed update closes the socket, whoever sends it
      // A reconnecting read-only client re-sends what it has; that is fine as long
      // as it holds nothing we lack.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return [];
      return [{ kind: 'refused', refusal: refuse('read_only') }];
    }
    const effects = this.#integrate(sender, update);
    if (effects.some((e) => e.kind === 'refused')) return effects;
    // Something new is in: updates that waited for it may fit now.
    if (effects.some((e) => e.kind === 'send') && this.#held.size > 0) effects.push(...this.#retryHeld());
    return [...effects, ...this.#archiveEffect()];
  }

  /** Checks, stores and applies one update; holds it if it arrived early. */
  #integrate(sender: Sender, update: Uint8Array): Effect[] {
    const check = checkUpdate(this.doc, update); // throws on a malformed update
    if (check.kind === 'missing') return this.#hold(sender, update);
    if (check.kind === 'bad') {
      return [{ kind: 'refused', refusal: refuse('bad_document', `Your change was not applied: ${check.problem}.`) }];
    }
    if (this.#log.stats().totalBytes + update.byteLength > MAX_DOC_BYTES) {
      this.#compact(); // totalBytes is an upper bound; measure exactly before refusing
      if (this.#log.stats().totalBytes + update.byteLength > MAX_DOC_BYTES) {
        const message = `The room's files would grow past ${MAX_DOC_BYTES} bytes: your change was not applied. Delete something first.`;
        return [{ kind: 'refused', refusal: refuse('doc_too_large', message) }];
      }
    }
    this.#integrated = [];
    const author: Author = { connId: sender.connId, name: sender.name, role: sender.role };
    Y.applyUpdate(this.doc, update, author);
    const integrated = this.#integrated;
    this.#integrated = [];
    if (integrated.length === 0) return [];
    this.#maybeCompact();
    const merged = integrated.length === 1 && integrated[0] ? integrated[0] : Y.mergeUpdates(integrated);
    return [{ kind: 'send', frame: encodeUpdate(merged), audience: { to: 'others', except: sender.connId } }];
  }

  #hold(sender: Sender, update: Uint8Array): Effect[] {
    const held = this.#held.get(sender.connId) ?? [];
    const bytes = held.reduce((n, h) => n + h.update.byteLength, update.byteLength);
    if (held.length >= MAX_HELD_UPDATES || bytes > MAX_HELD_UPDATE_BYTES) {
      this.#held.delete(sender.connId);
      const message =
        'Your changes depend on changes the room never received: they were not applied. Reload to resync.';
      return [{ kind: 'refused', refusal: refuse('bad_document', message) }];
    }
    held.push({ sender, update });
    this.#held.set(sender.connId, held);
    return [];
  }

  /** Applies held updates whose dependencies have arrived, until a pass applies none. */
  #retryHeld(): Effect[] {
    const effects: Effect[] = [];
    for (let progress = true; progress && this.#held.size > 0; ) {
      progress = false;
      // Take them all out first: #integrate puts back what still has to wait.
      const waiting = [...this.#held.values()].flat();
      this.#held.clear();
      for (const { sender, update } of waiting) {
        const out = this.#integrate(sender, update);
        if (out.some((e) => e.kind === 'send')) progress = true;
        effects.push(...out);
      }
    }
    return effects;
  }

  /**
   * Presence from one connection (issue #10 holes 2 and 3). It speaks for at most
   * MAX_AWARENESS_CLIENTS_PER_CONNECTION client ids, never for one another live
   * connection owns (that entry is dropped: a reconnecting tab may race its own old
   * socket), and each state is rebuilt by sanitizePresence before anyone sees it.
   */
  #receiveAwareness(sender: Sender, update: Uint8Array): Effect[] {
    const entries: AwarenessEntry[] = [];
    const claimed = new Set(this.awareness.clientIdsOf(sender.connId));
    for (const entry of decodeAwarenessUpdate(update)) {
      const owner = this.awareness.ownerOf(entry.clientId);
      if (owner !== undefined && owner !== sender.connId) continue;
      claimed.add(entry.clientId);
      if (claimed.size > MAX_AWARENESS_CLIENTS_PER_CONNECTION) {
        throw new PresenceLimitError(
          `presence: a connection speaks for at most ${MAX_AWARENESS_CLIENTS_PER_CONNECTION} client id(s)`,
        );
      }
      if (entry.state === 'null') {
        entries.push(entry);
        continue;
      }
      const clean = sanitizePresence(JSON.parse(entry.state), { clientId: entry.clientId, ...sender });
      if (!clean) throw new PresenceLimitError('presence: a state must be a JSON object or null');
      entries.push({ ...entry, state: JSON.stringify(clean) });
    }
    const accepted = this.awareness.apply(sender.connId, entries);
    if (accepted.length === 0) return [];
    return [
      {
        kind: 'send',
        frame: encodeAwareness(encodeAwarenessUpdate(accepted)),
        audience: { to: 'others', except: sender.connId },
      },
      { kind: 'presence', owned: this.awareness.ownedBy(sender.connId) },
    ];
  }

  #maybeCompact(): void {
    const { rows, logBytes } = this.#log.stats();
    if (rows > LOG_COMPACT_ROWS || logBytes > LOG_COMPACT_BYTES) this.#compact();
  }

  #compact(): void {
    this.#log.compact(this.snapshot());
    this.#compacted = true;
  }

  #archiveEffect(): Effect[] {
    if (!this.#compacted) return [];
    this.#compacted = false;
    return [{ kind: 'archive' }];
  }
}

function isAuthor(origin: unknown): origin is Author {
  return typeof origin === 'object' && origin !== null && 'connId' in origin && 'role' in origin;
}
