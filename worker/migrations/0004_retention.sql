-- Retention (issue #10 hole 7): a room is deleted RETENTION_DAYS after it ends. Its row
-- stays, with status 'deleted', no token hashes and how many days it was kept, so its
-- links answer 410 in words instead of a bare 404. SQLite cannot change a CHECK, so the
-- table is rebuilt (create, copy, drop, rename: SQLite's own recipe); runs and
-- ws_tickets refer to it by name and point at the new table once it is renamed.
PRAGMA defer_foreign_keys = true;

CREATE TABLE rooms_new (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'deleted')),
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  creator_key TEXT NOT NULL,
  interviewer_token_hash TEXT,
  candidate_token_hash TEXT,
  observer_token_hash TEXT,
  deleted_at INTEGER,
  retention_days INTEGER
);

INSERT INTO rooms_new (id, title, language, status, created_at, ended_at, creator_key,
  interviewer_token_hash, candidate_token_hash, observer_token_hash)
SELECT id, title, language, status, created_at, ended_at, creator_key,
  interviewer_token_hash, candidate_token_hash, observer_token_hash
FROM rooms;

DROP TABLE rooms;
ALTER TABLE rooms_new RENAME TO rooms;
CREATE INDEX rooms_by_creator ON rooms (creator_key, created_at);

PRAGMA defer_foreign_keys = false;
