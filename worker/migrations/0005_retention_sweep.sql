-- The retention sweep (worker/src/room/retention.ts) reads ended rooms by when they
-- ended, every hour: rooms that ended before retention existed have no delete date, so
-- theirs is computed at read as ended_at + RETENTION_DAYS.
CREATE INDEX rooms_by_status_ended ON rooms (status, ended_at);
