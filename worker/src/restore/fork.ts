/**
 * A fork (SPEC RST10): a new room with this room's language, question and files as they
 * are now. The source room answers what the new one starts with; the route makes the
 * room through the one creation path (routes/rooms.ts `createRoom`), so a fork has its
 * own links, belongs to whoever is signed in, and counts against the creation limit.
 *
 * @example
 * const source = forkSource(record, room, question); // {title, language, questionId, seed}
 */
import type { LanguageId } from '@codesync/executor/languages';
import { MAX_TITLE_CHARS } from '../limits';
import { entryFile, readStdin } from '../room/doc';
import type { QuestionDesk } from '../room/question/desk';
import type { Room, RoomSeed } from '../room/room';
import type { RoomRecord } from '../room/roomMeta';

export interface ForkSource {
  title: string;
  language: LanguageId;
  /** The bank question the room asks now, if it is one (the new room's language switch uses it). */
  questionId: string | undefined;
  seed: RoomSeed;
}

const SUFFIX = ' (fork)';

export function forkSource(record: RoomRecord, room: Room, question: QuestionDesk): ForkSource {
  const files = room.files();
  const entryPath = entryFile(room.doc)?.path;
  const entry = files.find((f) => f.path === entryPath) ?? files[0];
  if (!entry) throw new Error('fork: a room always keeps one file');
  return {
    title: `${record.title.slice(0, MAX_TITLE_CHARS - SUFFIX.length)}${SUFFIX}`,
    language: record.language,
    questionId: question.bankSlug() ?? undefined,
    seed: {
      file: entry,
      stdin: readStdin(room.doc),
      others: files.filter((f) => f !== entry),
      question: question.stored(),
    },
  };
}
