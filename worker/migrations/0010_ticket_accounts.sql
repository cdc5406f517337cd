-- A ticket bought by a signed-in account (MINE4) remembers the account, so the socket it
-- opens does too and can be closed when the account loses its access (MINE6, ACCT6).
-- Null for a ticket bought with a link token.
ALTER TABLE ws_tickets ADD COLUMN account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE;

CREATE INDEX ws_tickets_by_account ON ws_tickets (account_id) WHERE account_id IS NOT NULL;
