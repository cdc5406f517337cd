/**
 * A room made before versioned storage and file ids wakes into the current shape:
 * its tables are migrated step by step and its document moves to file ids, with
 * nothing lost.
 */
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sha256Hex } from '../../src/auth/tokens';
import { SCHEMA_VERSION } from '../../src/room/storage/migrations';
import { api, Peer } from './support';

const ROOM_ID = 'legacyRoom0123456789ab';
const TOKEN = 'l'.repeat(43);

/** The document and tables exactly as the first release wrote them. */
function legacyDoc(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap<Y.Text>('files').set('main.py', new Y.Text('from util import solve\nprint(solve())\n'));
    doc.getMap<Y.Text>('files').set('util.py', new Y.Text('def solve():\n    return 42\n'));
    doc.getMap('meta').set('title', 'Old');
    doc.getMap('meta').set('language', 'python');
    doc.getMap('meta').set('activeFile', 'main.py');
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('storage migrations', () => {
  it('[STORE1] wakes a room from before versioning into the current tables and document', async () => {
    const hash = await sha256Hex(TOKEN);
    await env.DB.prepare(
      `INSERT INTO rooms (id, title, language, status, created_at, creator_key,
         interviewer_token_hash, candidate_token_hash, observer_token_hash)
       VALUES (?, 'Old', 'python', 'active', 1, 'k', ?, ?, ?)`,
    )
      .bind(ROOM_ID, hash, `${hash.slice(0, -1)}0`, `${hash.slice(0, -1)}1`)
      .run();
    const stub = env.ROOM.get(env.ROOM.idFromName(ROOM_ID));
    await runInDurableObject(stub, (_instance, state) => {
      const { sql } = state.storage;
      // Every table the current code made (a table a later step adds included), then the first release's.
      const tables = sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
        )
        .toArray();
      for (const { name } of tables) sql.exec(`DROP TABLE IF EXISTS "${name}"`);
      sql.exec(`CREATE TABLE room_meta (id INTEGER PRIMARY KEY CHECK (id = 1), room_id TEXT NOT NULL,
        title TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
        ended_at INTEGER, interviewer_hash TEXT NOT NULL, candidate_hash TEXT NOT NULL, observer_hash TEXT NOT NULL)`);
      sql.exec(`INSERT INTO room_meta VALUES (1, '${ROOM_ID}', 'Old', 'python', 'active', 1, NULL, 'a', 'b', 'c')`);
      sql.exec('CREATE TABLE doc_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)');
      sql.exec('CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)');
      sql.exec(`CREATE TABLE runs (run_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, state TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 0, job_id TEXT, data TEXT NOT NULL)`);
      sql.exec('INSERT INTO doc_snapshot (id, data) VALUES (1, ?)', legacyDoc());
    });
    await abortAllDurableObjects();

    const res = await api(`/api/rooms/${ROOM_ID}/files`, { token: TOKEN });
    expect(await res.json()).toEqual({
      files: [
        { path: 'main.py', content: 'from util import solve\nprint(solve())\n' },
        { path: 'util.py', content: 'def solve():\n    return 42\n' },
      ],
      entry: 'main.py',
    });
    const woken = env.ROOM.get(env.ROOM.idFromName(ROOM_ID)); // the old stub died with its object
    const after = await runInDurableObject(woken, (_instance, state) => ({
      version: state.storage.sql.exec<{ v: number }>('SELECT version AS v FROM schema_version').one().v,
      metaColumns: state.storage.sql
        .exec<{ name: string }>("SELECT name FROM pragma_table_info('room_meta')")
        .toArray()
        .map((c) => c.name),
    }));
    expect(after.version).toBe(SCHEMA_VERSION);
    expect(after.metaColumns.some((c) => c.endsWith('_hash'))).toBe(false);
    // A stock client joins and edits the migrated file by its new id.
    const peer = await Peer.connect(ROOM_ID, TOKEN);
    peer.edit('util.py', 0, '# kept\n');
    expect(peer.text('util.py')).toBe('# kept\ndef solve():\n    return 42\n');
  });
});
