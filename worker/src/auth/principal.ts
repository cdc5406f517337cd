/**
 * Who is asking, verified once by the worker before it calls a room. The room's
 * Durable Object trusts the principal it is handed and checks only what that
 * principal may do; it never sees a raw token. A principal is a link's role, or a
 * signed-in account's role in a room it owns or its team owns (accounts/ownership/access.ts),
 * asked only when the request carries no token.
 *
 * The token hashes live in D1 alone, so an unknown room is answered here without
 * waking (and writing) a Durable Object, and replacing a link changes one row.
 */
import { type AccountPrincipal, accountPrincipal, NO_ACCESS } from '../accounts/ownership/access';
import type { Env } from '../env';
import { type Refusal, type Result, refuse } from '../refusals';
import { deletedMessage } from '../room/retention';
import { roleForToken } from './authorize';
import type { Role, TokenHashes } from './roles';
import { ROOM_ID_PATTERN } from './tokens';

export type Principal = { kind: 'link'; role: Role } | AccountPrincipal;

/** The header that carries a verified principal from the worker to the room's WebSocket. */
export const PRINCIPAL_HEADER = 'x-codesync-principal';

interface HashRow {
  status: string;
  retention_days: number | null;
  interviewer_token_hash: string | null;
  candidate_token_hash: string | null;
  observer_token_hash: string | null;
  owner_account_id: string | null;
}

/**
 * Who asks: a link token (HTTP `Bearer`, a socket's `?token=`), else the signed-in
 * `accountId` of a request without a token (routes/stub.ts; CSRF-checked there).
 */
export async function authenticate(
  env: Env,
  roomId: string,
  token: string | null,
  accountId: string | null = null,
): Promise<Result<Principal>> {
  const unknown: Refusal = refuse('not_found');
  if (!ROOM_ID_PATTERN.test(roomId)) return { ok: false, refusal: unknown };
  const row = await env.DB.prepare(
    `SELECT status, retention_days, interviewer_token_hash, candidate_token_hash, observer_token_hash,
       owner_account_id
     FROM rooms WHERE id = ?`,
  )
    .bind(roomId)
    .first<HashRow>();
  if (!row) return { ok: false, refusal: unknown };
  // A deleted room (retention) is answered here, so its object is never woken again.
  if (row.status === 'deleted') return { ok: false, refusal: refuse('gone', deletedMessage(row.retention_days)) };
  if (!token && accountId) {
    const account = await accountPrincipal(env.DB, accountId, row.owner_account_id);
    return account ? { ok: true, value: account } : { ok: false, refusal: refuse('unauthorized', NO_ACCESS) };
  }
  const hashes: TokenHashes = {
    interviewer: row.interviewer_token_hash ?? '',
    candidate: row.candidate_token_hash ?? '',
    observer: row.observer_token_hash ?? '',
  };
  const role = await roleForToken(token, hashes);
  if (!role) return { ok: false, refusal: refuse('unauthorized') };
  return { ok: true, value: { kind: 'link', role } };
}
