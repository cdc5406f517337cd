/**
 * A room's own record inside its Durable Object: title, language, status and the
 * role-token hashes. The DO checks tokens against this copy, next to the people in
 * the room, instead of asking D1 (one region) on every connect.
 */
import type { LanguageId } from '@codesync/executor/languages';
import type { TokenHashes } from '../auth/roles';
import type { RoomInfo, RoomStatus } from './messages';

export interface RoomRecord extends RoomInfo {
  language: LanguageId;
  hashes: TokenHashes;
}

interface Row extends Record<string, SqlStorageValue> {
  room_id: string;
  title: string;
  language: string;
  status: string;
  created_at: number;
  ended_at: number | null;
  interviewer_hash: string;
  candidate_hash: string;
  observer_hash: string;
}

export class RoomMetaStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  load(): RoomRecord | null {
    const row = this.#sql.exec<Row>('SELECT * FROM room_meta WHERE id = 1').toArray()[0];
    if (!row) return null;
    return {
      roomId: row.room_id,
      title: row.title,
      language: row.language as LanguageId,
      status: row.status as RoomStatus,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      hashes: { interviewer: row.interviewer_hash, candidate: row.candidate_hash, observer: row.observer_hash },
    };
  }

  create(record: RoomRecord): void {
    this.#sql.exec(
      `INSERT INTO room_meta (id, room_id, title, language, status, created_at, ended_at,
         interviewer_hash, candidate_hash, observer_hash)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      record.roomId,
      record.title,
      record.language,
      record.status,
      record.createdAt,
      record.endedAt,
      record.hashes.interviewer,
      record.hashes.candidate,
      record.hashes.observer,
    );
  }

  markEnded(endedAt: number): void {
    this.#sql.exec("UPDATE room_meta SET status = 'ended', ended_at = ? WHERE id = 1", endedAt);
  }
}

export function publicInfo(record: RoomRecord): RoomInfo {
  const { hashes: _hashes, ...info } = record;
  return info;
}
