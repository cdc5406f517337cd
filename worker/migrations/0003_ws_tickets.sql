-- Short-lived, single-use WebSocket tickets (issue #10 hole 11): only their hash is kept.
CREATE TABLE ws_tickets (
  hash TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms (id),
  role TEXT NOT NULL CHECK (role IN ('interviewer', 'candidate', 'observer')),
  expires_at INTEGER NOT NULL
);

CREATE INDEX ws_tickets_by_expiry ON ws_tickets (expires_at);
