-- Teams (issue 13, accounts/teams/): colleagues who see each other's interviews and
-- reports and join them as observers. An account is in at most one team; a team exists
-- while it has members. Invites are one-time links: D1 keeps only the SHA-256 of the
-- token, spending one is a single DELETE … RETURNING, so an invite opens one door once.
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);

CREATE TABLE team_members (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL
);
CREATE INDEX team_members_by_team ON team_members (team_id);

CREATE TABLE team_invites (
  token_hash TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  invited_by TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX team_invites_by_team ON team_invites (team_id, expires_at);
