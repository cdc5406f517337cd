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
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION } from '../limits';
import { type Refusal, refuse } from '../refusals';
import { type Audience, EVERYONE } from './audience';
import {
  type AwarenessEntry,
  AwarenessRegistry,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  PresenceLimitError,
  sameEntry,
} from './awareness';
import { CLOSE_CODES } from './closeCodes';
import { changedDoc, createFile, entryFile, type FileContent, migrateDoc, readFiles, seedDoc } from './doc';
import { checkUpdate } from './docGate';
import { updateSizeProblem } from './docSize';
import { EditBudget } from './editBudget';
import { HeldUpdates } from './heldUpdates';
import { sanitizePresence } from './presence';
import {
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedFrameError,
} from './protocol';
import type { RoomQuestion } from './question/schema';
import { type Author, type DocumentLog, isAuthor, ROOM_AUTHOR, rowBytes } from './storage/documentLog';
import { drawCompactPast, LogCompaction } from './storage/logCompaction';

/** What a room made from a bank question starts with (routes/rooms.ts), or a fork (restore/fork.ts). */
export interface RoomSeed {
  file: FileContent;
  stdin: string;
  /** A fork's other files, beside its entry file `file`. */
  others?: FileContent[];
  /** A fork's question, as its source room had it (the hidden cases too: server side only). */
  question?: RoomQuestion | null;
}

export interface Sender {
  connId: string;
  name: string;
  role: Role;
  /** Role may edit and the room is active. */
  canWrite: boolean;
  /** Its client has closed: a frame it sent before closing, delivered after the close (SYNC11). */
  left?: boolean;
}

/**
 * What a broadcast carries, so the Durable Object can merge it with others of the same
 * tick (tick.ts) instead of sending `frame` as it is.
 */
export type Mergeable = { update: Uint8Array; author: string } | { presence: AwarenessEntry[]; author: string | null };

export type Effect =
  /** A binary frame; a broadcast update is already durable when returned. */
  | { kind: 'send'; frame: Uint8Array; audience: Audience; merge?: Mergeable }
  /** Told to the update's author as a room message (a held update's author may not be the current sender). */
  | { kind: 'refused'; connId: string; refusal: Refusal }
  | { kind: 'close'; code: number; reason: string }
  /** The sender's presence changed; the DO keeps it in the socket's attachment. */
  | { kind: 'presence'; owned: AwarenessEntry[] }
  /** Compactions covered enough history rows (HISTORY_ARCHIVE_*): the DO moves them to R2. */
  | { kind: 'archive' };

const toSender = (connId: string): Audience => ({ to: 'connection', connId });

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new AwarenessRegistry();
  readonly #log: DocumentLog;
  readonly #now: () => number;
  /** Updates the doc integrated during the current message, to broadcast. */
  #integrated: Uint8Array[] = [];
  readonly #compaction: LogCompaction;
  /** Each role's edit bytes and the room's history cap (editBudget.ts, LIM17). */
  readonly #budget: EditBudget;
  /** Updates that arrived before one they depend on (heldUpdates.ts). */
  readonly #held: HeldUpdates<Sender>;
  /** The time the room's own change being made is stamped with (`change`), else null: now. */
  #stamp: number | null = null;
  /** The doc's last transaction: what a peer's update changed (#integrate). */
  #lastTransaction: Y.Transaction | null = null;
  /** Stores every change Yjs encodes: all but a peer's whole update (#integrate). */
  readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
    this.#log.append(update, isAuthor(origin) ? origin : ROOM_AUTHOR, this.#stamp ?? this.#now());
    this.#integrated.push(update);
  };

  /** `compactPast`: when the log compacts (storage/logCompaction.ts); a test may fix it. */
  constructor(log: DocumentLog, now: () => number = () => Date.now(), compactPast: () => number = drawCompactPast) {
    this.#log = log;
    this.#compaction = new LogCompaction(log, () => this.snapshot(), compactPast);
    this.#held = new HeldUpdates(now);
    this.#now = now;
    const stored = log.load();
    this.#budget = new EditBudget(log, now);
    for (const update of stored) Y.applyUpdate(this.doc, update);
    // Registered after the replay so loading writes nothing back. Every change is
    // stored with its author: the transaction origin (the room itself when none).
    this.doc.on('update', this.#onUpdate);
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      this.#lastTransaction = tr;
    });
    // Rooms made before file ids are migrated the first time they wake.
    if (stored.length > 0) migrateDoc(this.doc);
    this.flush();
    this.#integrated = [];
  }

  /**
   * Writes a new room's first file (the language's starter, or a question's) and its
   * shared stdin, once, on the server.
   */
  seed(language: LanguageId, from?: RoomSeed): void {
    const { entry, starter } = LANGUAGES[language];
    this.doc.transact(() => {
      seedDoc(this.doc, from?.file ?? { path: entry, content: starter }, from?.stdin ?? '');
      for (const file of from?.others ?? []) createFile(this.doc, file.path, file.content);
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

  /**
   * A connection left: its presence goes, and only its own. Its held updates go at once
   * when the room closed it (a refusal: nothing more from it counts); when its client
   * closed, they wait HELD_AFTER_LEAVE_MS more, as frames it sent before closing can
   * still be delivered after the close, out of order, and complete them (SYNC11).
   */
  leave(connId: string, by: 'client' | 'room' = 'room'): Effect[] {
    this.#held.left(connId, by);
    const removed = this.awareness.removeOwner(connId);
    if (removed.length === 0) return [];
    const frame = encodeAwareness(encodeAwarenessUpdate(removed));
    return [{ kind: 'send', frame, audience: EVERYONE, merge: { presence: removed, author: null } }];
  }

  /**
   * Writes the updates waiting in the log (documentLog.ts). The room's owner calls it
   * before anything leaves the room, so what anyone is sent is stored first.
   */
  flush(): void {
    this.#log.flush();
  }

  /** Every file with its content, as a run is sent them (so stored first). */
  files(): FileContent[] {
    this.flush();
    return readFiles(this.doc);
  }

  /** The newest stored update's time (storage/documentLog.ts). */
  lastAt(): number {
    return this.#log.lastAt();
  }

  /** The path of the file Run starts from. */
  entryPath(): string | null {
    return entryFile(this.doc)?.path ?? null;
  }

  /**
   * A change the room makes itself (a swapped-in question's starter, the language
   * switch opening one): applied in one transaction, stored like any update with the
   * room as its author, and sent to everyone through the tick. `at` stamps it (a restore
   * takes a moment of its own, after the last update: restore/restore.ts).
   */
  change<R>(apply: (doc: Y.Doc) => R, at?: number): { result: R; effects: Effect[] } {
    this.#integrated = [];
    let result: R | undefined;
    this.#stamp = at ?? null;
    try {
      this.doc.transact(() => {
        result = apply(this.doc);
      });
    } finally {
      this.#stamp = null;
    }
    const integrated = this.#integrated;
    this.#integrated = [];
    if (integrated.length === 0) return { result: result as R, effects: [] };
    this.#compaction.check();
    const merged = integrated.length === 1 && integrated[0] ? integrated[0] : Y.mergeUpdates(integrated);
    const author = ROOM_AUTHOR.connId; // no connection has it: everyone is sent it
    return {
      result: result as R,
      effects: [
        { kind: 'send', frame: encodeUpdate(merged), audience: EVERYONE, merge: { update: merged, author } },
        ...this.#archiveEffect(),
      ],
    };
  }

  /** The whole document as one update (for R2 and compaction). */
  snapshot(): Uint8Array {
    this.flush();
    return Y.encodeStateAsUpdate(this.doc);
  }

  #receiveUpdate(sender: Sender, update: Uint8Array): Effect[] {
    if (!sender.canWrite) {
      Y.decodeUpdate(update); // a malformed update closes the socket, whoever sends it
      // A reconnecting read-only client re-sends what it has; that is fine as long
      // as it holds nothing we lack.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return [];
      return [{ kind: 'refused', connId: sender.connId, refusal: refuse('read_only') }];
    }
    const effects = this.#integrate(sender, update);
    if (effects.some((e) => e.kind === 'refused')) return effects;
    // Something new is in: updates that waited for it may fit now.
    if (effects.some((e) => e.kind === 'send') && this.#held.size > 0) effects.push(...this.#retryHeld());
    return [...effects, ...this.#archiveEffect()];
  }

  /** Checks, stores and applies one update; holds it if it arrived early. */
  #integrate(sender: Sender, update: Uint8Array): Effect[] {
    // Throws on a malformed update; a comment's author and role must be the sender's own.
    const check = checkUpdate(this.doc, update, { name: sender.name, role: sender.role });
    if (check.kind === 'missing') return this.#hold(sender, update);
    if (check.kind === 'bad') {
      return [
        {
          kind: 'refused',
          connId: sender.connId,
          refusal: refuse('bad_document', `Your change was not applied: ${check.problem}.`),
        },
      ];
    }
    // The stored log's bytes bound the encoded document from above.
    const tooLarge = updateSizeProblem(this.doc, check.update, this.#log.stats().totalBytes);
    if (tooLarge) {
      const refusal = refuse('doc_too_large', `${tooLarge} Your change was not applied.`);
      return [{ kind: 'refused', connId: sender.connId, refusal }];
    }
    const overBudget = this.#budget.problem(sender.role, rowBytes(check.update, sender));
    if (overBudget) return [{ kind: 'refused', connId: sender.connId, refusal: overBudget }];
    const author: Author = { connId: sender.connId, name: sender.name, role: sender.role };
    // The gate's trimmed update: exactly the structs it judged. Applied whole, it is what
    // is stored and sent (Yjs need not encode it again for #onUpdate: ~7 % of a busy
    // room's CPU). Should Yjs throw part-way or keep part pending, what did integrate is
    // read back from the doc, stored and broadcast; the rest is dropped, never left pending.
    let failed = false;
    this.#lastTransaction = null;
    this.doc.off('update', this.#onUpdate);
    try {
      Y.applyUpdate(this.doc, check.update, author);
    } catch (error) {
      failed = true;
      console.warn('an update the gate passed failed to apply', { error: String(error) });
    } finally {
      this.doc.on('update', this.#onUpdate);
    }
    const { store } = this.doc;
    if (store.pendingStructs || store.pendingDs) {
      failed = true;
      store.pendingStructs = null;
      store.pendingDs = null;
    }
    const tr = this.#lastTransaction as Y.Transaction | null;
    const changed = tr && changedDoc(tr) ? tr : null;
    const merged =
      failed && changed
        ? Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(changed.beforeState))
        : changed && check.update;
    const effects: Effect[] = failed
      ? [
          {
            kind: 'refused',
            connId: sender.connId,
            refusal: refuse('bad_document', 'Your change was not applied whole. Reload to resync.'),
          },
        ]
      : [];
    if (!merged) return effects;
    this.#log.append(merged, author, this.#now());
    this.#compaction.check();
    return [
      {
        kind: 'send',
        frame: encodeUpdate(merged),
        audience: { to: 'others', except: sender.connId },
        merge: { update: merged, author: sender.connId },
      },
      ...effects,
    ];
  }

  /**
   * Whether the room takes a change it makes for a person of `role` (a file brought back
   * from the terminal) of about `bytes`: the same budget and cap as their own edits, so
   * no path into the document or its history goes around them. Null when it does.
   */
  budgetFor(role: Role, bytes: number): Refusal | null {
    return this.#budget.problem(role, bytes);
  }

  /** An archive moved rows to R2 and kept a checkpoint: the history is counted again. */
  recountHistory(): void {
    this.#log.recount();
  }

  #hold(sender: Sender, update: Uint8Array): Effect[] {
    if (this.#held.hold(sender, update)) return [];
    const message = 'Your changes depend on changes the room never received: they were not applied. Reload to resync.';
    return [{ kind: 'refused', connId: sender.connId, refusal: refuse('bad_document', message) }];
  }

  /** Whether updates wait for ones they depend on (the document must stay in memory for them). */
  holding(): boolean {
    return this.#held.holding();
  }

  /** When what departed clients left waiting can no longer be completed, or null: RoomDO's alarm looks again then. */
  heldUntil(): number | null {
    return this.#held.until();
  }

  /** Applies held updates whose dependencies have arrived, until a pass applies none. */
  #retryHeld(): Effect[] {
    const effects: Effect[] = [];
    for (let progress = true; progress && this.#held.size > 0; ) {
      progress = false;
      // #integrate holds again what must still wait.
      for (const held of this.#held.takeReached(this.doc)) {
        const out = this.#integrate(held.sender, held.update);
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
    // Read only for a frame that speaks for its own sender: most frames in a big room are echoes.
    let claimed: Set<number> | null = null;
    for (const entry of decodeAwarenessUpdate(update, (id) => this.awareness.entryOf(id))) {
      const known = this.awareness.entryOf(entry.clientId);
      if (known !== undefined && known.owner !== sender.connId) continue;
      // The sender's own state sent back unchanged: nothing new to check or relay.
      if (sameEntry(known, entry)) continue;
      claimed ??= new Set(this.awareness.clientIdsOf(sender.connId));
      // Past its own id(s), a connection's entries are echoes (stock y-websocket relays
      // what it hears) or an attempt to fill the room: either way nothing is kept.
      if (!claimed.has(entry.clientId) && claimed.size >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) continue;
      claimed.add(entry.clientId);
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
        merge: { presence: accepted, author: sender.connId },
      },
      { kind: 'presence', owned: this.awareness.ownedBy(sender.connId) },
    ];
  }

  /** Compactions covered enough history rows (HISTORY_ARCHIVE_*): the owner moves them to R2. */
  #archiveEffect(): Effect[] {
    return this.#compaction.takeArchiveDue() ? [{ kind: 'archive' }] : [];
  }
}
