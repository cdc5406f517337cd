/**
 * The room's question in the Durable Object's SQLite (table `room_question`, one row
 * of JSON, migration step 7), parsed with the schema when read: never in the shared
 * Y.Doc, whose every peer would get the hidden cases.
 *
 * @example
 * const store = new QuestionStore(ctx.storage.sql);
 * store.cases(); // what a test run sends the executor, visible cases first
 */
import { type RoomCase, type RoomQuestion, roomQuestion } from './schema';
import { runOrder } from './views';

export class QuestionStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  load(): RoomQuestion | null {
    const row = this.#sql.exec<{ data: string }>('SELECT data FROM room_question WHERE id = 1').toArray()[0];
    if (!row) return null;
    // Written only by save() below, after the same schema passed it.
    return roomQuestion.parse(JSON.parse(row.data));
  }

  save(question: RoomQuestion): void {
    this.#sql.exec(
      'INSERT INTO room_question (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
      JSON.stringify(roomQuestion.parse(question)),
    );
  }

  /**
   * The cases in the order to run them: visible first, then hidden. The one function a
   * test run reads cases through (hidden ones included: server side only).
   */
  cases(): RoomCase[] {
    return runOrder(this.load());
  }
}
