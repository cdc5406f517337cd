/**
 * Storage step 7 (storage/migrations.ts): the room's question table. A room made from
 * a bank question before it existed recorded only `room_meta.question_id`; it gets that
 * question now, so it wakes with the problem it was made for.
 */
import { questionFromBank } from './fromBank';

export function questionTable(sql: SqlStorage): void {
  // IF NOT EXISTS / DO NOTHING: a storage rebuilt by hand (the STORE1 test drops the
  // tables of older steps only) may already hold the table; the step never overwrites it.
  sql.exec(`CREATE TABLE IF NOT EXISTS room_question (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
  )`);
  const row = sql.exec<{ question_id: string | null }>('SELECT question_id FROM room_meta WHERE id = 1').toArray()[0];
  const question = row?.question_id ? questionFromBank(row.question_id) : null;
  if (question) {
    sql.exec(
      'INSERT INTO room_question (id, data) VALUES (1, ?) ON CONFLICT (id) DO NOTHING',
      JSON.stringify(question),
    );
  }
}
