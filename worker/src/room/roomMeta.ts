/**
 * A room's own record inside its Durable Object: title, language and status. The
 * role-token hashes are not here: the worker verifies a caller against D1 and hands
 * the room a principal (auth/principal.ts).
 */
import type { LanguageId } from '@codesync/executor/languages';
import type { ClockState } from './clock';
import type { RoomInfo, RoomStatus } from './messages';

export interface RoomRecord extends RoomInfo {
  language: LanguageId;
}

interface Row extends Record<string, SqlStorageValue> {
  room_id: string;
  title: string;
  language: string;
  status: string;
  created_at: number;
  ended_at: number | null;
  question_id: string | null;
  ends_at: number | null;
}

export class RoomMetaStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  load(): RoomRecord | null {
    const row = this.#sql
      .exec<Row>(
        'SELECT room_id, title, language, status, created_at, ended_at, question_id, ends_at FROM room_meta WHERE id = 1',
      )
      .toArray()[0];
    if (!row) return null;
    return {
      roomId: row.room_id,
      title: row.title,
      language: row.language as LanguageId,
      status: row.status as RoomStatus,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      questionId: row.question_id,
      endsAt: row.ends_at,
    };
  }

  create(record: RoomRecord): void {
    this.#sql.exec(
      `INSERT INTO room_meta (id, room_id, title, language, status, created_at, ended_at, question_id, ends_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      record.roomId,
      record.title,
      record.language,
      record.status,
      record.createdAt,
      record.endedAt,
      record.questionId,
      record.endsAt,
    );
  }

  /** Ends the room and records when it deletes itself (retention). */
  markEnded(endedAt: number, deleteAt: number): void {
    this.#sql.exec(
      "UPDATE room_meta SET status = 'ended', ended_at = ?, delete_at = ? WHERE id = 1",
      endedAt,
      deleteAt,
    );
  }

  /** When the room deletes itself, or null while it is active (read from storage, never cached). */
  deleteAt(): number | null {
    const row = this.#sql
      .exec<{ delete_at: number | null }>('SELECT delete_at FROM room_meta WHERE id = 1')
      .toArray()[0];
    return row?.delete_at ?? null;
  }

  /** The clock, read from storage (the alarm and the tests rely on what is stored, not a copy). */
  clock(): ClockState {
    const row = this.#sql
      .exec<{ ends_at: number | null; clock_notice_for: number | null }>(
        'SELECT ends_at, clock_notice_for FROM room_meta WHERE id = 1',
      )
      .toArray()[0];
    return { endsAt: row?.ends_at ?? null, noticeFor: row?.clock_notice_for ?? null };
  }

  setClock(clock: ClockState): void {
    this.#sql.exec(
      'UPDATE room_meta SET ends_at = ?, clock_notice_for = ? WHERE id = 1',
      clock.endsAt,
      clock.noticeFor,
    );
  }

  setLanguage(language: LanguageId): void {
    this.#sql.exec('UPDATE room_meta SET language = ? WHERE id = 1', language);
  }
}
