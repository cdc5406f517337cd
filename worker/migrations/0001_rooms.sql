-- Rooms: metadata and the hashes of their three role tokens (never the tokens).
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  -- SHA-256 of the creator's IP address: only for the rooms-per-minute limit.
  creator_key TEXT NOT NULL,
  interviewer_token_hash TEXT NOT NULL,
  candidate_token_hash TEXT NOT NULL,
  observer_token_hash TEXT NOT NULL
);

CREATE INDEX rooms_by_creator ON rooms (creator_key, created_at);
