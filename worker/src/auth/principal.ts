/**
 * Who is asking, verified once by the worker before it calls a room. The room's
 * Durable Object trusts the principal it is handed and checks only what that
 * principal may do; it never sees a raw token. A link's role is the only kind of
 * principal today; a signed-in account is the next.
 *
 * The token hashes live in D1 alone, so an unknown room is answered here without
 * waking (and writing) a Durable Object, and replacing a link changes one row.
 */
import type { Env } from '../env';
import { type Refusal, type Result, refuse } from '../refusals';
import { deletedMessage } from '../room/retention';
import { roleForToken } from './authorize';
import type { Role, TokenHashes } from './roles';
import { ROOM_ID_PATTERN } from './tokens';

export interface Principal {
  kind: 'link';
  role: Role;
}

/** The header that carries a verified principal from the worker to the room's WebSocket. */
export const PRINCIPAL_HEADER = 'x-codesync-principal';

interface HashRow {
  status: string;
  retention_days: number | null;
  interviewer_token_hash: string | null;
  candidate_token_hash: string | null;
  observer_token_hash: string | null;
}

export async function authenticate(env: Env, roomId: string, token: string | null): Promise<Result<Principal>> {
  const unknown: Refusal = refuse('not_found');
  if (!ROOM_ID_PATTERN.test(roomId)) return { ok: false, refusal: unknown };
  const row = await env.DB.prepare(
    `SELECT status, retention_days, interviewer_token_hash, candidate_token_hash, observer_token_hash
     FROM rooms WHERE id = ?`,
  )
    .bind(roomId)
    .first<HashRow>();
  if (!row) return { ok: false, refusal: unknown };
  // A deleted room (retention) is answered here, so its object is never woken again.
  if (row.status === 'deleted') return { ok: false, refusal: refuse('gone', deletedMessage(row.retention_days)) };
  const hashes: TokenHashes = {
    interviewer: row.interviewer_token_hash ?? '',
    candidate: row.candidate_token_hash ?? '',
    observer: row.observer_token_hash ?? '',
  };
  const role = await roleForToken(token, hashes);
  if (!role) return { ok: false, refusal: refuse('unauthorized') };
  return { ok: true, value: { kind: 'link', role } };
}
