import { ROLES, type Role, type TokenHashes } from './roles';
import { digestsEqual, sha256Hex, TOKEN_PATTERN } from './tokens';

/**
 * Which role a presented token grants in a room, or null. Every role's hash is
 * compared (constant time each), so the time taken does not tell which role matched.
 */
export async function roleForToken(token: string | null | undefined, hashes: TokenHashes): Promise<Role | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const presented = await sha256Hex(token);
  let found: Role | null = null;
  for (const role of ROLES) {
    if (digestsEqual(presented, hashes[role])) found = role;
  }
  return found;
}
