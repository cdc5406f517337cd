/**
 * Room ids and role tokens: random, URL-safe, stored only as SHA-256 hashes and
 * compared in constant time. A token is 256 bits, so a plain hash is enough (no
 * slow KDF needed: there is nothing to brute-force).
 */

const ROOM_ID_BYTES = 16; // 128 bits
const TOKEN_BYTES = 32; // 256 bits

/** A room id is 22 base64url characters (16 random bytes). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** A token is 43 base64url characters (32 random bytes). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function randomString(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export function newRoomId(): string {
  return randomString(ROOM_ID_BYTES);
}

export function newToken(): string {
  return randomString(TOKEN_BYTES);
}

/** Hex SHA-256 of a string: how tokens (and client IPs, for rate limits) are stored. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-time equality of two hex digests of the same length. */
export function digestsEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}
