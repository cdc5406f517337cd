-- Runs: who ran what in which room, and how it ended. Output lives in R2.
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms (id),
  started_by_name TEXT NOT NULL,
  started_by_role TEXT NOT NULL,
  language TEXT NOT NULL,
  path TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'finished', 'failed')),
  verdict TEXT,
  error TEXT,
  exit_code INTEGER,
  time_ms INTEGER,
  memory_kb INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);

CREATE INDEX runs_by_room ON runs (room_id, created_at);
