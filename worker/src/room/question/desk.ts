/**
 * The room's question, as the Durable Object uses it: seeds it, answers each role's
 * view, and carries out the interviewer's changes (the caller has checked the role and
 * that the room is active). Every change is stored before anyone is told, and then every
 * socket is told its own role's view.
 *
 * @example
 * const desk = new QuestionDesk(new QuestionStore(sql), { language, changeDoc, announce });
 * desk.change({ op: 'swap', questionId: 'two-sum' });
 */
import type { LanguageId } from '@codesync/executor/languages';
import type * as Y from 'yjs';
import type { Role } from '../../auth/roles';
import { MAX_FILES } from '../../limits';
import { questionFor, starterFor } from '../../questions';
import { ok, type Result, refused } from '../../refusals';
import { addEntryFile, type DocResult, listFiles } from '../doc';
import { applyChange } from './changes';
import { questionFromBank, starterPath } from './fromBank';
import type { QuestionChange, QuestionView, RoomCase, RoomQuestion } from './schema';
import type { QuestionStore } from './store';
import { viewFor } from './views';

export interface DeskDeps {
  /** The room's language: a swapped-in question's starter is in it. */
  language(): LanguageId;
  /** Changes the shared doc on the room's behalf (stored and sent to everyone like any update). */
  changeDoc(change: (doc: Y.Doc) => DocResult): DocResult;
  /** Sends every socket its role's view. */
  announce(viewOf: (role: Role) => QuestionView | null): void;
}

export class QuestionDesk {
  readonly #store: QuestionStore;
  readonly #deps: DeskDeps;

  constructor(store: QuestionStore, deps: DeskDeps) {
    this.#store = store;
    this.#deps = deps;
  }

  /**
   * A new room made from a bank question starts with it (its starter is already in the
   * doc); a fork starts with its source's question as that room had it (`copied`).
   */
  seed(questionId: string | null, copied?: RoomQuestion | null): void {
    const question = copied ?? (questionId === null ? null : questionFromBank(questionId));
    if (question) this.#store.save(question);
  }

  /** The question as stored, hidden cases and all: server side only (a fork copies it). */
  stored(): RoomQuestion | null {
    return this.#store.load();
  }

  view(role: Role): QuestionView | null {
    return viewFor(role, this.#store.load());
  }

  /** The bank question the room asks now: null when it has none or one written in the room. */
  bankSlug(): string | null {
    return this.#store.load()?.from ?? null;
  }

  /** The cases in the order to run them (store.ts). */
  cases(): RoomCase[] {
    return this.#store.cases();
  }

  change(change: QuestionChange): Result<void> {
    const after = change.op === 'swap' ? this.#swap(change.questionId) : applyChange(this.#store.load(), change);
    if (!after.ok) return after;
    const saved = after.value;
    this.#store.save(saved); // stored before anyone is told
    this.#deps.announce((role) => viewFor(role, saved));
    return ok(undefined);
  }

  /** The bank question's statement and cases, and its starter as a new entry file; the code written so far stays. */
  #swap(slug: string): Result<RoomQuestion> {
    const entry = questionFor(slug);
    const question = questionFromBank(slug);
    if (!entry || !question)
      return refused('bad_request', 'questionId: no question with this id. GET /api/questions lists them.');
    const starter = starterFor(entry, this.#deps.language());
    const added = this.#deps.changeDoc((doc) => {
      if (listFiles(doc).length >= MAX_FILES) {
        return {
          ok: false,
          problem: `The room holds ${MAX_FILES} files, the most it can: delete one to make room for the starter.`,
        };
      }
      return addEntryFile(doc, starterPath(doc, slug, starter.path), starter.content);
    });
    if (!added.ok) return refused('bad_request', `questionId: ${added.problem}`);
    return ok(question);
  }
}
