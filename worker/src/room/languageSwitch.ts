/**
 * The room's language switch (SPEC CLK9): which starter the new language opens with,
 * and whether the room has space for it. The Room applies it to the document; the
 * Durable Object stores the new language and tells everyone.
 *
 * @example
 * const file = starterOnSwitch(questionDesk.bankSlug(), 'go'); // {path: 'main.go', content: …}
 * const problem = spaceProblem(room.doc, file);
 * const switched = await switchLanguage(host, 'interviewer', record, 'go');
 */
import { LANGUAGES, type LanguageId } from '@codesync/executor/languages';
import type * as Y from 'yjs';
import type { Principal } from '../auth/principal';
import type { Env } from '../env';
import { MAX_FILES, MAX_TOTAL_FILE_BYTES } from '../limits';
import type { RoomHistory } from '../playback/roomHistory';
import { questionFor, starterFor } from '../questions';
import { ok, type Result, refused } from '../refusals';
import { EVERYONE } from './audience';
import { type FileContent, fileByPath, listFiles, openEntryFile } from './doc';
import { formatBytes, measure, utf8Bytes } from './docSize';
import type { Room } from './room';
import type { RoomMetaStore, RoomRecord } from './roomMeta';
import type { RoomSockets } from './sockets';

export interface SwitchHost {
  env: Env;
  room: () => Room;
  meta: RoomMetaStore;
  sockets: RoomSockets;
  playback: RoomHistory;
  /** The question the room asks now (swapped or written since), not the one it was made with. */
  bankSlug: () => string | null;
  setRecord: (record: RoomRecord) => void;
}

/**
 * Switches an active room to `language`: the new language's starter becomes the entry
 * file, the old files stay, everyone is told. A run in flight carries its own language
 * and files and finishes as it started.
 */
export async function switchLanguage(
  host: SwitchHost,
  by: Principal['role'],
  record: RoomRecord,
  language: LanguageId,
): Promise<Result<RoomRecord>> {
  if (record.language === language) return ok(record);
  const starter = starterOnSwitch(host.bankSlug(), language);
  const problem = spaceProblem(host.room().doc, starter);
  if (problem) return refused('doc_too_large', problem);
  const { effects } = host.room().change((doc) => {
    const opened = openEntryFile(doc, starter);
    if (!opened.ok) throw new Error(`language switch: ${opened.problem}`);
  });
  host.sockets.apply(null, effects);
  host.meta.setLanguage(language);
  host.playback.languageSwitched(by, record.language, language);
  const switched: RoomRecord = { ...record, language };
  host.setRecord(switched);
  host.sockets.outbox.message({ type: 'room', room: switched }, EVERYONE);
  await host.env.DB.prepare('UPDATE rooms SET language = ? WHERE id = ?').bind(language, record.roomId).run();
  return ok(switched);
}

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
