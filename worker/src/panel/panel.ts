/**
 * The panel's logic, apart from its transport: the notes doc (panelDoc.ts), its gate
 * and its log. Like Room (room/room.ts) it never touches a socket: it answers effects
 * that PanelDO carries out, so plain unit tests can drive it.
 *
 * Presence is not relayed on the panel socket: notes show no remote cursors, and the
 * room's presence rules (room/awareness.ts) stay in one place.
 *
 * @example
 * const panel = new Panel(log);
 * for (const effect of panel.receive({ connId, name, role }, frame)) …
 */
import * as Y from 'yjs';
import type { Role } from '../auth/roles';
import { MAX_HELD_UPDATE_BYTES, MAX_HELD_UPDATES } from '../limits';
import { type Refusal, refuse } from '../refusals';
import type { Audience } from '../room/audience';
import { CLOSE_CODES } from '../room/closeCodes';
import { decodeFrame, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MalformedFrameError } from '../room/protocol';
import { type Author, type DocumentLog, isAuthor, ROOM_AUTHOR } from '../room/storage/documentLog';
import { LogCompaction } from '../room/storage/logCompaction';
import { definePanelTypes, notesOf, readScorecard, type Scorecard, seedPanel } from './panelDoc';
import { PanelGate } from './panelGate';

export interface PanelSender {
  connId: string;
  name: string;
  role: Role;
}

export type PanelEffect =
  | { kind: 'send'; frame: Uint8Array; audience: Audience }
  | { kind: 'refused'; connId: string; refusal: Refusal }
  | { kind: 'close'; code: number; reason: string };

export class Panel {
  readonly doc = new Y.Doc();
  readonly #log: DocumentLog;
  /** When the notes' log folds into a snapshot: as a room's (storage/logCompaction.ts). */
  readonly #compaction: LogCompaction;
  readonly #gate: PanelGate;
  readonly #now: () => number;
  /** What the doc integrated during the current update, to broadcast. */
  #integrated: Uint8Array[] = [];
  /**
   * Updates that arrived before one they depend on (workerd can deliver a burst of one
   * socket's frames out of order), with their senders, to try again after each update
   * that is taken. Bounded like the room's (MAX_HELD_UPDATES, MAX_HELD_UPDATE_BYTES).
   */
  #held: { sender: PanelSender; update: Uint8Array }[] = [];

  constructor(log: DocumentLog, now: () => number = Date.now) {
    this.#log = log;
    this.#compaction = new LogCompaction(log, () => Y.encodeStateAsUpdate(this.doc));
    this.#now = now;
    definePanelTypes(this.doc);
    const stored = log.load();
    for (const update of stored) Y.applyUpdate(this.doc, update);
    // Registered after the replay, so loading writes nothing back.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#log.append(update, isAuthor(origin) ? origin : ROOM_AUTHOR, this.#now());
      this.#integrated.push(update);
    });
    if (stored.length === 0) seedPanel(this.doc, ROOM_AUTHOR);
    this.#integrated = [];
    this.#gate = new PanelGate(this.doc);
  }

  /** What a newly connected panel socket is sent first: the doc's state vector. */
  welcome(): Uint8Array[] {
    return [encodeSyncStep1(Y.encodeStateVector(this.doc))];
  }

  receive(sender: PanelSender, frame: Uint8Array): PanelEffect[] {
    try {
      const message = decodeFrame(frame);
      switch (message.kind) {
        case 'sync-step1': {
          const diff = Y.encodeStateAsUpdate(this.doc, message.stateVector);
          return [
            { kind: 'send', frame: encodeSyncStep2(diff), audience: { to: 'connection', connId: sender.connId } },
          ];
        }
        case 'update':
          return this.#update(sender, message.update);
        case 'awareness':
        case 'query-awareness':
          return []; // not relayed (see above)
        default: {
          const unreachable: never = message;
          return unreachable;
        }
      }
    } catch (error) {
      const reason = error instanceof MalformedFrameError ? error.message : `bad frame: ${(error as Error).message}`;
      return [{ kind: 'close', code: CLOSE_CODES.badFrame, reason: reason.slice(0, 120) }];
    }
  }

  /** A connection left: its waiting updates go with it. */
  leave(connId: string): void {
    this.#held = this.#held.filter((h) => h.sender.connId !== connId);
  }

  /** The notes and the scorecard as they are now. */
  read(): { notes: string; scorecard: Scorecard } {
    return { notes: notesOf(this.doc).toString(), scorecard: readScorecard(this.doc) };
  }

  #update(sender: PanelSender, update: Uint8Array): PanelEffect[] {
    const effects = this.#integrate(sender, update);
    // Something new is in: updates that waited for it may fit now.
    for (let progress = effects.length > 0; progress && this.#held.length > 0; ) {
      progress = false;
      for (const held of this.#held) {
        const retried = this.#integrate(held.sender, held.update, false);
        if (retried === null) continue;
        this.#held = this.#held.filter((h) => h !== held);
        effects.push(...retried);
        progress = true;
        break;
      }
    }
    return effects;
  }

  /** Checks, stores, applies one update; null when it must (still) wait. */
  #integrate(sender: PanelSender, update: Uint8Array): PanelEffect[];
  #integrate(sender: PanelSender, update: Uint8Array, hold: false): PanelEffect[] | null;
  #integrate(sender: PanelSender, update: Uint8Array, hold = true): PanelEffect[] | null {
    const check = this.#gate.check(update, sender);
    if (check.kind === 'missing') return hold ? this.#hold(sender, update) : null;
    if (check.kind === 'bad') {
      const refusal = refuse('bad_document', `Your change to the notes was not applied: ${check.problem}.`);
      return [{ kind: 'refused', connId: sender.connId, refusal }];
    }
    const author: Author = { connId: sender.connId, name: sender.name, role: sender.role };
    this.#integrated = [];
    Y.applyUpdate(this.doc, update, author);
    const integrated = this.#integrated;
    this.#integrated = [];
    // A resent step 2 that brings nothing new changes nothing: nothing to store or send.
    if (integrated.length === 0) return [];
    this.#compaction.check();
    const merged = integrated.length === 1 && integrated[0] ? integrated[0] : Y.mergeUpdates(integrated);
    return [{ kind: 'send', frame: encodeUpdate(merged), audience: { to: 'others', except: sender.connId } }];
  }

  #hold(sender: PanelSender, update: Uint8Array): PanelEffect[] {
    this.#held.push({ sender, update });
    const bytes = this.#held.reduce((n, h) => n + h.update.byteLength, 0);
    if (this.#held.length <= MAX_HELD_UPDATES && bytes <= MAX_HELD_UPDATE_BYTES) return [];
    // Too much waits for what never came: the sender's copy has gone its own way.
    this.leave(sender.connId);
    const refusal = refuse('bad_document', 'Your changes to the notes depend on changes the panel never got: reload.');
    return [{ kind: 'refused', connId: sender.connId, refusal }];
  }
}
