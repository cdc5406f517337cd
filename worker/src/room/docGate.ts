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
 * Cost: one decode of the update (the frame was already decoded once to route it)
 * and a lookup per struct; a keystroke is one struct.
 */
import { MAX_FILES } from '@codesync/executor/limits';
import { pathProblem } from '@codesync/executor/paths';
import * as Y from 'yjs';
import { FILE_ID_PATTERN, fileById, filesOf, listFiles, metaOf } from './doc';

/** Where a struct lands, in the schema's terms. */
type Place =
  | { kind: 'files' }
  | { kind: 'meta' }
  | { kind: 'file'; id: string }
  | { kind: 'text' }
  | { kind: 'other'; what: string };

type Struct = Y.AbstractStruct;
type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export type Check = { kind: 'ok' } | { kind: 'missing' } | { kind: 'bad'; problem: string };

const MISSING = 'it depends on changes the room does not have';

/** Whether the update may be applied now, must wait for what it depends on, or never. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): Check {
  const { structs, ds } = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  const problem = new Gate(doc, structs, ds).problem();
  if (problem === null) return { kind: 'ok' };
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
  readonly #paths = new Map<string, string>();
  #entry: unknown;

  constructor(
    readonly doc: Y.Doc,
    readonly structs: Struct[],
    readonly ds: DeleteSet,
  ) {
    for (const s of structs) {
      const list = this.#byClient.get(s.id.client) ?? [];
      list.push(s);
      this.#byClient.set(s.id.client, list);
    }
  }

  problem(): string | null {
    const { store } = this.doc;
    for (const [client, list] of this.#byClient) {
      const first = list[0];
      if (first && first.id.clock > Y.getState(store, client)) return MISSING;
    }
    for (const struct of this.structs) {
      if (struct instanceof Y.GC) continue;
      if (!(struct instanceof Y.Item)) return MISSING; // a Skip: a gap
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue; // already here
      const wrong = this.#checkItem(struct);
      if (wrong) return wrong;
    }
    return this.#checkDeletes() ?? this.#checkWhole();
  }

  #checkItem(item: Y.Item): string | null {
    const resolved = this.#parentOf(item);
    if (resolved === 'missing') return MISSING;
    if (resolved === null) return null; // its parent is gone: Yjs keeps it as garbage
    const { place, sub } = resolved;
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return place.kind === 'other' ? `it writes to ${place.what}` : null;
    switch (place.kind) {
      case 'files': {
        if (!sub || !FILE_ID_PATTERN.test(sub)) return 'a file id must be 12 letters, digits, "-" or "_"';
        if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return 'a file must be a map';
        this.#newTypes.set(key(item.id), { kind: 'file', id: sub });
        this.#createdFiles.add(sub);
        return null;
      }
      case 'meta': {
        const value = single(content);
        if (sub === 'entry') {
          if (typeof value !== 'string') return 'meta.entry must be a file id';
          this.#entry = value;
          return null;
        }
        if (sub === 'schema') return typeof value === 'number' ? null : 'meta.schema must be a number';
        if (sub === 'stdin') {
          if (!(content instanceof Y.ContentType && content.type instanceof Y.Text)) return 'meta.stdin must be text';
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
          this.#paths.set(place.id, path);
          return null;
        }
        if (sub === 'text') {
          if (!(content instanceof Y.ContentType && content.type instanceof Y.Text)) return 'a file text must be text';
          this.#newTypes.set(key(item.id), { kind: 'text' });
          return null;
        }
        return `files.${sub} is not part of a file`;
      }
      case 'text':
        if (sub !== null) return 'file text takes characters only';
        return content instanceof Y.ContentString ? null : 'file text takes characters only';
      case 'other':
        return `it writes to ${place.what}, which is not part of the room's document`;
      default: {
        const unreachable: never = place;
        return unreachable;
      }
    }
  }

  /** The place `item` will be integrated into: 'missing' when it cannot be known. */
  #parentOf(item: Y.Item): { place: Place; sub: string | null } | 'missing' | null {
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
      if (this.#inUpdate(found)) return this.#parentOf(found);
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
    const holder = type._item;
    if (!holder) return { kind: 'other', what: 'a new top-level type' };
    // The shared stdin takes characters, as a file's text does.
    if (type instanceof Y.Text && holder.parent === metaOf(doc) && holder.parentSub === 'stdin')
      return { kind: 'text' };
    if (type instanceof Y.Map && holder.parent === filesOf(doc) && holder.parentSub) {
      return { kind: 'file', id: holder.parentSub };
    }
    if (type instanceof Y.Text && holder.parentSub === 'text' && holder.parent instanceof Y.Map) {
      const file = holder.parent._item;
      if (file?.parent === filesOf(doc)) return { kind: 'text' };
    }
    return { kind: 'other', what: 'a nested value' };
  }

  #inUpdate(struct: Struct): boolean {
    return this.#byClient.get(struct.id.client)?.includes(struct) ?? false;
  }

  /** The struct holding `id`: in this update first, else in the document. */
  #find(id: Y.ID): Struct | 'missing' {
    for (const s of this.#byClient.get(id.client) ?? []) {
      if (s.id.clock <= id.clock && id.clock < s.id.clock + s.length) return s;
    }
    if (id.clock >= Y.getState(this.doc.store, id.client)) return 'missing';
    return Y.getItem(this.doc.store, id) as Struct;
  }

  #checkDeletes(): string | null {
    for (const [client, ranges] of this.ds.clients) {
      const known = Math.max(
        Y.getState(this.doc.store, client),
        ...(this.#byClient.get(client) ?? []).map((s) => s.id.clock + s.length),
      );
      if (ranges.some((r) => r.clock + r.len > known)) return MISSING;
    }
    return null;
  }

  /** Rules about the document as a whole once the update is in: names, entry, count. */
  #checkWhole(): string | null {
    if (this.#paths.size === 0 && this.#createdFiles.size === 0 && this.#entry === undefined) return null;
    const deleted = (id: string) => {
      const item = filesOf(this.doc).get(id)?._item;
      return item ? Y.isDeleted(this.ds, item.id) : false;
    };
    const final = new Map<string, string>();
    for (const file of listFiles(this.doc)) if (!deleted(file.id)) final.set(file.id, file.path);
    for (const [id, path] of this.#paths) final.set(id, path);
    if (final.size > MAX_FILES) return `a room holds at most ${MAX_FILES} files`;
    const seen = new Set<string>();
    for (const path of final.values()) {
      if (seen.has(path)) return `there is already a file named ${path}`;
      seen.add(path);
    }
    if (this.#entry !== undefined) {
      const entry = this.#entry as string;
      if (!this.#createdFiles.has(entry) && (!fileById(this.doc, entry) || deleted(entry))) {
        return 'the entry file must be a file in the room';
      }
    }
    return null;
  }
}

const key = (id: Y.ID) => `${id.client}:${id.clock}`;

function rootPlace(name: string): Place {
  if (name === 'files') return { kind: 'files' };
  if (name === 'meta') return { kind: 'meta' };
  return { kind: 'other', what: `a new top-level type "${name.slice(0, 40)}"` };
}

function single(content: Y.Item['content']): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
}
