-- Sign-in and sign-up attempts, for their rate limits (accounts/attempts.ts). `key` names
-- what is counted (a hashed email or client address and the action), never in the clear.
-- Rows older than the window count for nothing; each new attempt deletes its key's old ones.
CREATE TABLE auth_attempts (
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  id TEXT PRIMARY KEY
);
CREATE INDEX auth_attempts_by_key ON auth_attempts (key, at);
