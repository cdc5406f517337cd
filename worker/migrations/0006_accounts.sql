-- Accounts (issue 13): interviewers who sign in, by email + password or by an OpenID
-- Connect issuer. Secrets are never stored in the clear: passwords as a slow salted
-- hash (accounts/password.ts), sessions as the SHA-256 of their cookie value.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  -- Lower-cased, trimmed. Unique among accounts; null for an OIDC account whose issuer gave none.
  email TEXT UNIQUE,
  -- 1 once the email is proven (an issuer's email_verified, or a confirmation).
  email_verified INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  -- Null for an account that signs in only through an issuer.
  password_hash TEXT,
  created_at INTEGER NOT NULL
);

-- One row per (issuer, subject) an account signs in with (accounts/oidc/).
CREATE TABLE account_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX account_identities_by_account ON account_identities (account_id);

-- Signed-in browsers: the cookie holds a random token, this table its hash (accounts/sessions.ts).
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- The account that created a room (null: an anonymous room, local dev's default).
ALTER TABLE rooms ADD COLUMN owner_account_id TEXT REFERENCES accounts (id);
CREATE INDEX rooms_by_owner ON rooms (owner_account_id, created_at);
