/**
 * The server's check of an incoming update against the document schema (doc.ts),
 * before anything is applied: Yjs cannot take an update back once integrated, so a
 * bad one must be found in its decoded structs.
 *
 * Each new item's parent is resolved the way Yjs will resolve it: its own parent
 * field, else the parent of its left (origin) or right neighbour, looked up in the
 * update itself or in the document. An item whose neighbours exist in neither would
 * sit in the document's pending store forever, so it is refused too; so is a delete
 * of something the room has never seen.
 *
 * The update is first trimmed to what the room lacks (Y.diffUpdate): a struct the room
 * already half has is integrated by Yjs only from the part it lacks, placed after the
 * part it has, wherever that is; trimmed, it says so itself. The trimmed update is the
 * one to apply.
 *
 * Map values Yjs would make current are judged too: a deleted placeholder (ContentDeleted)
 * or a delete must not leave a file without its path or text, or meta without its entry
 * or schema, and a file's text is never replaced. A rename that may lose to the current
 * name (its origin is not the current value) keeps both names taken for the duplicate check.
 *
 * Cost: linear in the update: one decode (and a trim when it overlaps the room), a binary search per reference and
 * each origin chain resolved once; a keystroke is one struct.
 */
import { pathProblem } from '@codesync/executor/paths';
import * as Y from 'yjs';
import { FILE_ID_PATTERN, filesOf, metaOf } from './doc';
import { ThreadGate, type ThreadPlace, type Writer } from './docGateThreads';
import { checkWhole } from './docGateWhole';

/** Where a struct lands, in the schema's terms. */
type Place =
  | { kind: 'files' }
  | { kind: 'meta' }
  | { kind: 'file'; id: string; isNew: boolean }
  | { kind: 'text' }
  | { kind: 'threads'; at: ThreadPlace }
  | { kind: 'other'; what: string };

export type Struct = Y.AbstractStruct;
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** `ok` carries the update to apply: the input trimmed to what the room lacks. */
export type Check = { kind: 'ok'; update: Uint8Array } | { kind: 'missing' } | { kind: 'bad'; problem: string };

const MISSING = 'it depends on changes the room does not have';

/** Whether the update may be applied now, must wait for what it depends on, or never. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, writer?: Writer): Check {
  // Decoding throws on a malformed update before anything else looks at it.
  let decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  let fresh = update;
  // Trimming costs a re-encode: only when the room already has part of the update
  // (a keystroke never overlaps: it is all new).
  if (decoded.structs.some((s) => s.id.clock < Y.getState(doc.store, s.id.client))) {
    fresh = Y.diffUpdate(update, Y.encodeStateVector(doc));
    decoded = Y.decodeUpdate(fresh) as { structs: Struct[]; ds: DeleteSet };
  }
  const { structs, ds } = decoded;
  let problem: string | null;
  try {
    problem = new Gate(doc, structs, ds, new ThreadGate(doc, writer)).problem();
  } catch (error) {
    if (error instanceof CycleError) problem = error.message;
    else throw error;
  }
  if (problem === null) return { kind: 'ok', update: fresh };
  return problem === MISSING ? { kind: 'missing' } : { kind: 'bad', problem };
}

/** Why the update may not be applied now, or null when it may. */
export function updateProblem(doc: Y.Doc, update: Uint8Array): string | null {
  const check = checkUpdate(doc, update);
  return check.kind === 'ok' ? null : check.kind === 'missing' ? MISSING : check.problem;
}

class Gate {
  readonly #byClient = new Map<number, Struct[]>();
  /** Types this update creates, by the id of the item holding them. */
  readonly #newTypes = new Map<string, Place>();
  readonly #createdFiles = new Set<string>();
  /** Every path value (or placeholder) this update writes, by file id. */
  readonly #pathItems = new Map<string, { item: Y.Item; path: string | null }[]>();
  /** Map keys given a live value here: "meta:entry", "file:<id>:path". */
  readonly #setKeys = new Set<string>();
  /** Structs of this update some other struct of it names as its origin. */
  readonly #superseded = new Set<Struct>();
  readonly #inThis = new Set<Struct>();
  readonly #resolved = new Map<Struct, Resolved>();
  #entry: unknown;

  constructor(
    readonly doc: Y.Doc,
    readonly structs: Struct[],
    readonly ds: DeleteSet,
    readonly threads: ThreadGate,
  ) {
    for (const s of structs) {
      const list = this.#byClient.get(s.id.client) ?? [];
      list.push(s);
      this.#byClient.set(s.id.client, list);
      this.#inThis.add(s);
    }
  }

  problem(): string | null {
    const { store } = this.doc;
    for (const [client, list] of this.#byClient) {
      const first = list[0];
      if (first && first.id.clock > Y.getState(store, client)) return MISSING;
    }
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) continue;
      // Yjs integrates a client's structs in clock order: a reference to a later struct
      // of the same client makes it throw half-way through the update.
      for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (ref && ref.client === struct.id.client && ref.clock >= struct.id.clock) {
          return 'a change refers to a later part of itself';
        }
      }
      if (struct.origin) {
        const origin = this.#find(struct.origin);
        if (origin !== 'missing' && this.#inThis.has(origin)) this.#superseded.add(origin);
      }
    }
    for (const struct of this.structs) {
      if (struct instanceof Y.GC) continue;
      if (!(struct instanceof Y.Item)) return MISSING; // a Skip: a gap
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue; // already here
      const wrong = this.#checkItem(struct);
      if (wrong) return wrong;
    }
    return this.#checkDeletes() ?? this.threads.deletes(this.ds) ?? this.#checkWhole() ?? this.threads.whole();
  }

  #checkItem(item: Y.Item): string | null {
    const resolved = this.#parentOf(item);
    if (resolved === 'missing') return MISSING;
    if (resolved === null) return null; // its parent is gone: Yjs keeps it as garbage
    const { place, sub } = resolved;
    const content = item.content;
    if (content instanceof Y.ContentDeleted) {
      if (place.kind === 'other') return `it writes to ${place.what}`;
      if (place.kind === 'file' && sub === 'path') this.#notePath(place.id, item, null);
      // A placeholder in a map becomes the key's value (deleting the one before) unless
      // something of this update comes after it.
      if ((place.kind === 'meta' || place.kind === 'file') && !this.#superseded.has(item)) {
        return `it would delete ${place.kind === 'meta' ? `meta.${sub}` : `a file's ${sub}`}`;
      }
      if (place.kind === 'threads' && place.at.kind === 'thread' && !this.#superseded.has(item)) {
        return `it would delete a thread's ${sub}`;
      }
      // A placeholder under a thread's id in the root deletes that thread as surely as a
      // delete set would (CMT13): only its starter or the interviewer may.
      if (place.kind === 'threads' && place.at.kind === 'root' && sub && !this.#superseded.has(item)) {
        return this.threads.writesOver(sub);
      }
      return null;
    }
    switch (place.kind) {
      case 'files': {
        if (!sub || !FILE_ID_PATTERN.test(sub)) return 'a file id must be 12 letters, digits, "-" or "_"';
        if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return 'a file must be a map';
        this.#newTypes.set(key(item.id), { kind: 'file', id: sub, isNew: true });
        this.#createdFiles.add(sub);
        return null;
      }
      case 'meta': {
        const value = single(content);
        if (sub === 'entry') {
          if (typeof value !== 'string') return 'meta.entry must be a file id';
          this.#entry = value;
          this.#setKeys.add('meta:entry');
          return null;
        }
        if (sub === 'schema') {
          this.#setKeys.add('meta:schema');
          return typeof value === 'number' ? null : 'meta.schema must be a number';
        }
        if (sub === 'stdin') {
          if (!(content instanceof Y.ContentType && content.type instanceof Y.Text)) return 'meta.stdin must be text';
          // The room makes it once; a second one would wipe what the interviewer prepared.
          if (metaOf(this.doc).get('stdin') instanceof Y.Text) return 'the shared input is never replaced';
          this.#newTypes.set(key(item.id), { kind: 'text' });
          return null;
        }
        return `meta.${sub} is not part of the room's document`;
      }
      case 'file': {
        if (sub === 'path') {
          const path = single(content);
          if (typeof path !== 'string') return 'a file path must be a string';
          const wrong = pathProblem(path);
          if (wrong) return `the file name ${path} ${wrong}`;
          this.#notePath(place.id, item, path);
          this.#setKeys.add(`file:${place.id}:path`);
          return null;
        }
        if (sub === 'text') {
          if (!(content instanceof Y.ContentType && content.type instanceof Y.Text)) return 'a file text must be text';
          if (!place.isNew) return "a file's text is never replaced";
          this.#newTypes.set(key(item.id), { kind: 'text' });
          this.#setKeys.add(`file:${place.id}:text`);
          return null;
        }
        return `files.${sub} is not part of a file`;
      }
      case 'text':
        if (sub !== null) return 'file text takes characters only';
        return content instanceof Y.ContentString ? null : 'file text takes characters only';
      case 'threads': {
        const judged = this.threads.item(place.at, sub, content);
        if (judged.creates) this.#newTypes.set(key(item.id), { kind: 'threads', at: judged.creates });
        return judged.problem;
      }
      case 'other':
        return `it writes to ${place.what}, which is not part of the room's document`;
      default: {
        const unreachable: never = place;
        return unreachable;
      }
    }
  }

  /**
   * The place `item` will be integrated into: 'missing' when it cannot be known, null
   * when Yjs will keep it as garbage. Origin chains inside the update are followed
   * without recursion and each struct is resolved once.
   */
  #parentOf(item: Y.Item): Resolved {
    const chain: Struct[] = [];
    const onChain = new Set<Struct>();
    let current: Y.Item = item;
    let result: Resolved;
    for (;;) {
      const known = this.#resolved.get(current);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (onChain.has(current)) throw new CycleError();
      chain.push(current);
      onChain.add(current);
      const step = this.#step(current);
      if (step instanceof Y.Item) {
        current = step;
        continue;
      }
      result = step;
      break;
    }
    for (const struct of chain) this.#resolved.set(struct, result);
    return result;
  }

  /** One step of #parentOf: the answer, or the struct of this update to ask next. */
  #step(item: Y.Item): Resolved | Y.Item {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { place: rootPlace(parent), sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = this.#find(parent);
      if (holder === 'missing') return 'missing';
      if (holder instanceof Y.Item && holder.content instanceof Y.ContentType) {
        const place = this.#newTypes.get(key(holder.id)) ?? this.#placeOfType(holder.content.type);
        return { place, sub: item.parentSub };
      }
      return null;
    }
    for (const neighbour of [item.origin, item.rightOrigin]) {
      if (!neighbour) continue;
      const found = this.#find(neighbour);
      if (found === 'missing') return 'missing';
      if (!(found instanceof Y.Item)) return null;
      if (this.#inThis.has(found)) return found;
      const type = found.parent;
      if (!(type instanceof Y.AbstractType)) return null;
      return { place: this.#placeOfType(type), sub: found.parentSub };
    }
    return 'missing';
  }

  #placeOfType(type: Y.AbstractType<unknown>): Place {
    const { doc } = this;
    if (type === filesOf(doc)) return { kind: 'files' };
    if (type === metaOf(doc)) return { kind: 'meta' };
    const thread = this.threads.placeOfType(type);
    if (thread) return { kind: 'threads', at: thread };
    const holder = type._item;
    if (!holder) return { kind: 'other', what: 'a new top-level type' };
    // The shared stdin takes characters, as a file's text does.
    if (type instanceof Y.Text && holder.parent === metaOf(doc) && holder.parentSub === 'stdin')
      return { kind: 'text' };
    if (type instanceof Y.Map && holder.parent === filesOf(doc) && holder.parentSub) {
      return { kind: 'file', id: holder.parentSub, isNew: false };
    }
    if (type instanceof Y.Text && holder.parentSub === 'text' && holder.parent instanceof Y.Map) {
      const file = holder.parent._item;
      if (file?.parent === filesOf(doc)) return { kind: 'text' };
    }
    return { kind: 'other', what: 'a nested value' };
  }

  /** The struct holding `id`: in this update first (binary search), else in the document. */
  #find(id: Y.ID): Struct | 'missing' {
    const list = this.#byClient.get(id.client) ?? [];
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = list[mid] as Struct;
      if (id.clock < s.id.clock) high = mid - 1;
      else if (id.clock >= s.id.clock + s.length) low = mid + 1;
      else return s;
    }
    if (id.clock >= Y.getState(this.doc.store, id.client)) return 'missing';
    return Y.getItem(this.doc.store, id) as Struct;
  }

  #notePath(fileId: string, item: Y.Item, path: string | null): void {
    const list = this.#pathItems.get(fileId) ?? [];
    list.push({ item, path });
    this.#pathItems.set(fileId, list);
  }

  #checkDeletes(): string | null {
    for (const [client, ranges] of this.ds.clients) {
      const known = Math.max(
        Y.getState(this.doc.store, client),
        ...(this.#byClient.get(client) ?? []).map((s) => s.id.clock + s.length),
      );
      if (ranges.some((r) => r.clock + r.len > known)) return MISSING;
    }
    // Nothing deleted (a keystroke's insert): no key can be left empty, and no list of them is built.
    if (this.ds.clients.size === 0) return null;
    // A delete may end a file (its item) or replace a value, never leave a key empty.
    const files = filesOf(this.doc);
    const meta = metaOf(this.doc);
    const guarded: [Y.Item | undefined, string, Y.Item | null][] = [
      [meta._map.get('entry'), 'meta:entry', null],
      [meta._map.get('schema'), 'meta:schema', null],
      [meta._map.get('stdin'), 'meta:stdin', null],
    ];
    for (const [id, file] of files._map) {
      if (file.deleted || !(file.content instanceof Y.ContentType)) continue;
      const map = file.content.type as Y.Map<unknown>;
      for (const sub of ['path', 'text']) guarded.push([map._map.get(sub), `file:${id}:${sub}`, file]);
    }
    for (const [item, what, file] of guarded) {
      if (!item || item.deleted || !Y.isDeleted(this.ds, item.id)) continue;
      if (this.#setKeys.has(what) || (file && Y.isDeleted(this.ds, file.id))) continue;
      return `it deletes ${what.replace(/^file:[^:]*:/, "a file's ").replace('meta:', 'meta.')} and sets none`;
    }
    return null;
  }

  /** Rules about the document as a whole once the update is in (docGateWhole.ts). */
  #checkWhole(): string | null {
    // Only an update that names a file, a path or the entry can break them: a keystroke
    // builds no input (its closure alone cost ~2 % of a busy room's CPU, bench:room-cpu).
    if (this.#pathItems.size === 0 && this.#createdFiles.size === 0 && this.#entry === undefined) return null;
    return checkWhole({
      doc: this.doc,
      ds: this.ds,
      pathItems: this.#pathItems,
      createdFiles: this.#createdFiles,
      entry: this.#entry,
      find: (id) => this.#find(id),
    });
  }
}

type Resolved = { place: Place; sub: string | null } | 'missing' | null;

class CycleError extends Error {
  constructor() {
    super('a change refers to itself');
  }
}

const key = (id: Y.ID) => `${id.client}:${id.clock}`;

function rootPlace(name: string): Place {
  if (name === 'files') return { kind: 'files' };
  if (name === 'meta') return { kind: 'meta' };
  if (name === 'threads') return { kind: 'threads', at: { kind: 'root' } };
  return { kind: 'other', what: `a new top-level type "${name.slice(0, 40)}"` };
}

export function single(content: Y.Item['content']): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
}
