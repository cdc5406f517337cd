/**
 * The room's language switch (SPEC CLK9): which starter the new language opens with,
 * and whether the room has space for it. The Room applies it to the document; the
 * Durable Object stores the new language and tells everyone.
 *
 * @example
 * const file = starterOnSwitch(questionDesk.bankSlug(), 'go'); // {path: 'main.go', content: …}
 * const problem = spaceProblem(room.doc, file);
 */
import { LANGUAGES, type LanguageId } from '@codesync/executor/languages';
import type * as Y from 'yjs';
import { MAX_FILES, MAX_TOTAL_FILE_BYTES } from '../limits';
import { questionFor, starterFor } from '../questions';
import { type FileContent, fileByPath, listFiles } from './doc';
import { formatBytes, measure, utf8Bytes } from './docSize';

/** The starter in `language` of the bank question the room asks now (its slug), else the language's own. */
export function starterOnSwitch(questionId: string | null, language: LanguageId): FileContent {
  const question = questionId === null ? null : questionFor(questionId);
  if (question) return starterFor(question, language);
  const { entry, starter } = LANGUAGES[language];
  return { path: entry, content: starter };
}

/** Why the room cannot take `file` as a new file (its file count or size), or null. */
export function spaceProblem(doc: Y.Doc, file: FileContent): string | null {
  if (fileByPath(doc, file.path)) return null; // it becomes the entry as it is: nothing added
  if (listFiles(doc).length >= MAX_FILES) {
    return `A room holds at most ${MAX_FILES} files: delete one before switching the language.`;
  }
  const total = measure(doc, { encoded: false }).total + utf8Bytes(file.content);
  if (total > MAX_TOTAL_FILE_BYTES) {
    return `The new language's starter would take the room's files past ${formatBytes(MAX_TOTAL_FILE_BYTES)}: delete something first.`;
  }
  return null;
}
