-- OpenID Connect sign-ins in progress (worker/src/accounts/oidc/flows.ts). The browser
-- holds a random 256-bit flow token in an HttpOnly cookie; the state, nonce and PKCE
-- verifier are derived from that token, so this table keeps only its SHA-256: a leaked
-- database completes no sign-in. A row is taken (deleted) by the callback that uses it.
CREATE TABLE oidc_flows (
  token_hash TEXT PRIMARY KEY,
  -- The signed-in account that asked to link the issuer's identity (start?link=1); null for a sign-in.
  link_account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_flows_by_expiry ON oidc_flows (expires_at);
