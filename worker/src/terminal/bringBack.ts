/**
 * "Bring back a file" (SPEC TERM8): an editor asked for one file of the terminal's
 * working directory, and its content replaces that file in the room's document (or
 * becomes a new file), as one change by the room, stored and sent like any update. It is
 * checked as any file write is: the path's rules (nameProblem), the room's size limits
 * on the document it would result in (sizeProblem), and the asker's edit budget and the
 * room's history cap (LIM17). Never automatic: nothing in the
 * shell reaches the shared doc unless someone asks for that file.
 */
import * as Y from 'yjs';
import type { Role } from '../auth/roles';
import { createFile, fileByPath, nameProblem, replaceText } from '../room/doc';
import { measure, sizeProblem } from '../room/docSize';
import type { Effect, Room } from '../room/room';

export type BringBack = { ok: true; effects: Effect[]; created: boolean } | { ok: false; problem: string };

/** Applies `content` to `path` in `room`'s document for someone of `role`, or says why not. */
export function bringBack(room: Room, path: string, content: string, role: Role): BringBack {
  const trial = new Y.Doc();
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(trial);
  const trialWrite = write(trial, path, content);
  if (!trialWrite.ok) return trialWrite;
  const tooLarge = sizeProblem(measure(room.doc), measure(trial));
  if (tooLarge) return { ok: false, problem: `${tooLarge} ${path} was not brought back.` };
  // What it adds to the document and its history counts against the asker's edit budget
  // and the room's history cap, as their own typing would (LIM17).
  const overBudget = room.budgetFor(role, Y.encodeStateAsUpdate(trial, before).byteLength);
  if (overBudget) return { ok: false, problem: `${path} was not brought back. ${overBudget.message}` };
  const { result, effects } = room.change((doc) => write(doc, path, content));
  return result.ok ? { ok: true, effects, created: result.created } : result;
}

function write(
  doc: Y.Doc,
  path: string,
  content: string,
): { ok: true; created: boolean } | { ok: false; problem: string } {
  const existing = fileByPath(doc, path);
  if (existing) {
    replaceText(existing.text, content);
    return { ok: true, created: false };
  }
  const problem = nameProblem(doc, path);
  if (problem) return { ok: false, problem };
  const made = createFile(doc, path, content);
  return made.ok ? { ok: true, created: true } : { ok: false, problem: made.problem };
}
