/**
 * The panel doc's gate: an update is tried on a replica of the doc (the trial doc)
 * and judged by what it did there, before the real doc takes it. Yjs cannot take an
 * update back once integrated; the replica can simply be rebuilt from the real doc.
 *
 * The room's gate (room/docGate.ts) reads an update's structs without applying them,
 * because the room's doc is large and hot. The panel's doc is small (MAX_PANEL_DOC_BYTES)
 * and a replica in step with it costs one extra apply per update, so here the trial is
 * simpler and exact: Yjs itself resolves every parent, and the gate looks at the
 * transaction's new and deleted structs.
 *
 * Accepted: only the known top-level types (PANEL_TYPES), plain text in the texts,
 * plain JSON values matching their schema in the maps, nothing nested; criteria changed
 * only by a role that `can(role, 'criteria')`; private threads and comments in the
 * writer's own name and role, a thread changing only `resolved` once written and a comment
 * never (privateThreads.ts); sizes within their limits. A rebuild happens only after a refusal.
 *
 * @example
 * const gate = new PanelGate(doc);
 * if (gate.check(update, { name: 'Olu', role: 'observer' }).kind === 'ok') Y.applyUpdate(doc, update);
 */
import * as Y from 'yjs';
import { can, cannot } from '../auth/roles';
import {
  CRITERION_ID_PATTERN,
  criteriaOf,
  criterionValue,
  definePanelTypes,
  MAX_CRITERIA,
  MAX_NOTES_CHARS,
  MAX_PANEL_DOC_BYTES,
  MAX_RATINGS,
  MAX_SUMMARY_CHARS,
  notesOf,
  PANEL_TYPES,
  type PanelTypeName,
  ratingsOf,
  ratingValue,
  recommendationValue,
  summaryOf,
} from './panelDoc';
import { type PanelWriter, privateCountProblem, privateValueProblem } from './privateThreads';

const KNOWN = Object.keys(PANEL_TYPES).join(', ');
const MISSING = 'it depends on changes the panel does not have';

/** `missing`: it may fit once what it depends on arrives (a socket's frames can arrive out of order). */
export type PanelCheck = { kind: 'ok' } | { kind: 'missing' } | { kind: 'bad'; problem: string };

export class PanelGate {
  #trial!: Y.Doc;
  #types!: Map<object, PanelTypeName>;

  constructor(private readonly doc: Y.Doc) {
    this.#rebuild();
  }

  /** Whether `update` may be applied to the real doc (the trial doc has then taken it). */
  check(update: Uint8Array, writer: PanelWriter): PanelCheck {
    let problem: string | null;
    try {
      // Cheap first: an update whose structs of a client start past what the doc has of
      // that client must wait (structs come sorted by client, then clock).
      const { structs } = Y.decodeUpdate(update);
      const gap = structs.some(
        (s, i) => s.id.client !== structs[i - 1]?.id.client && s.id.clock > Y.getState(this.#trial.store, s.id.client),
      );
      if (gap) return { kind: 'missing' };
      problem = this.#try(update, writer);
    } catch (error) {
      problem = `not a Yjs update: ${(error as Error).message}`;
    }
    if (problem === null) return { kind: 'ok' };
    this.#rebuild();
    return problem === MISSING ? { kind: 'missing' } : { kind: 'bad', problem };
  }

  #try(update: Uint8Array, writer: PanelWriter): string | null {
    // Every transaction the apply ran: Yjs may run more after the first (a text's
    // formatting clean-up), and the first holds the update's structs.
    const transactions: Y.Transaction[] = [];
    const capture = (tr: Y.Transaction) => transactions.push(tr);
    this.#trial.on('afterTransaction', capture);
    try {
      Y.applyUpdate(this.#trial, update);
    } finally {
      this.#trial.off('afterTransaction', capture);
    }
    const trial = this.#trial;
    if (trial.store.pendingStructs !== null || trial.store.pendingDs !== null) {
      return MISSING;
    }
    for (const name of trial.share.keys()) {
      if (!(name in PANEL_TYPES)) return `"${name}" is not part of the panel's notes (only ${KNOWN})`;
    }
    for (const transaction of transactions) {
      const problem = this.#judgeStructs(transaction, writer);
      if (problem) return problem;
    }
    return this.#judgeSizes();
  }

  #judgeStructs(tr: Y.Transaction, writer: PanelWriter): string | null {
    const { role } = writer;
    const store = this.#trial.store;
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = store.clients.get(client) ?? [];
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i];
        if (struct instanceof Y.Item) {
          const problem = this.#judgeItem(struct, writer);
          if (problem) return problem;
        }
      }
    }
    let problem: string | null = null;
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (problem === null && struct instanceof Y.Item && this.#types.get(struct.parent as object) === 'criteria') {
        if (!can(role, 'criteria')) problem = cannot(role, 'criteria');
      }
    });
    return problem;
  }

  #judgeItem(item: Y.Item, writer: PanelWriter): string | null {
    const { role } = writer;
    const name = this.#types.get(item.parent as object);
    if (!name) return 'the panel holds no nested types: values are plain text or JSON';
    if (item.content instanceof Y.ContentDeleted) return null;
    if (PANEL_TYPES[name] === 'text') {
      if (item.parentSub !== null || !(item.content instanceof Y.ContentString)) {
        return `${name} holds plain text only`;
      }
      return null;
    }
    const key = item.parentSub;
    if (key === null || !(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) {
      return `${name} holds one plain value per key`;
    }
    if (item.deleted) return null; // overwritten within the same update: never visible
    const value = item.content.arr[0];
    switch (name) {
      case 'criteria': {
        if (!can(role, 'criteria')) return cannot(role, 'criteria');
        if (!CRITERION_ID_PATTERN.test(key)) return `criteria: "${key.slice(0, 30)}" is not a criterion id`;
        const parsed = criterionValue.safeParse(value);
        if (!parsed.success)
          return `criteria.${key}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
        return null;
      }
      case 'ratings':
        if (!CRITERION_ID_PATTERN.test(key)) return `ratings: "${key.slice(0, 30)}" is not a criterion id`;
        return ratingValue.safeParse(value).success ? null : `ratings.${key}: a rating is 1, 2, 3 or 4`;
      case 'scorecard':
        if (key !== 'recommendation')
          return `scorecard: "${key.slice(0, 30)}" is not a scorecard field (only recommendation)`;
        return recommendationValue.safeParse(value).success
          ? null
          : `scorecard.recommendation: must be one of ${recommendationValue.options.join(', ')}`;
      case 'privateThreads':
      case 'privateReplies':
        // Judged against the real doc: what was there before this update.
        return privateValueProblem(name, key, value, writer, this.doc);
      default:
        return `${name} holds text, not keys`;
    }
  }

  #judgeSizes(): string | null {
    const trial = this.#trial;
    const notes = notesOf(trial).length;
    if (notes > MAX_NOTES_CHARS) return `notes: at most ${MAX_NOTES_CHARS} characters (this would make ${notes})`;
    const summary = summaryOf(trial).length;
    if (summary > MAX_SUMMARY_CHARS)
      return `summary: at most ${MAX_SUMMARY_CHARS} characters (this would make ${summary})`;
    if (criteriaOf(trial).size > MAX_CRITERIA) return `criteria: at most ${MAX_CRITERIA}`;
    if (ratingsOf(trial).size > MAX_RATINGS) return `ratings: at most ${MAX_RATINGS}`;
    const threads = privateCountProblem(trial);
    if (threads) return threads;
    const bytes = Y.encodeStateAsUpdate(trial).byteLength;
    if (bytes > MAX_PANEL_DOC_BYTES) return `the panel's notes would grow past ${MAX_PANEL_DOC_BYTES} bytes`;
    return null;
  }

  /** The trial doc made equal to the real one again (after a refusal, or at start). */
  #rebuild(): void {
    this.#trial?.destroy();
    this.#trial = new Y.Doc({ gc: this.doc.gc });
    this.#types = definePanelTypes(this.#trial);
    Y.applyUpdate(this.#trial, Y.encodeStateAsUpdate(this.doc));
  }
}
