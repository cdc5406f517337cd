/**
 * Password hashing: scrypt (memory-hard, salted) from @noble/hashes, which runs in
 * workerd as plain JavaScript. WebCrypto's PBKDF2 is native and faster, but workerd
 * caps it at 100 000 iterations, a sixth of what OWASP asks of PBKDF2-SHA256 today, and
 * it costs a GPU no memory; scrypt at N=2^15, r=8 makes every guess take 32 MiB.
 * Measured in workerd (docs/PERFORMANCE.md, `npm run bench:signin`).
 *
 * A stored hash carries its algorithm and parameters (PHC string format), so the cost
 * can be raised later: a sign-in that verifies against older parameters re-hashes.
 *
 * The derivation is synchronous on purpose: an isolate never holds two 32 MiB tables at
 * once (workerd gives an isolate 128 MB), at the price of blocking it while it runs.
 *
 * @example
 * const stored = hashPassword('correct horse battery', kdfParams(env));
 * verifyPassword('correct horse battery', stored, kdfParams(env))  // → {ok: true, stale: false}
 */
import { scrypt } from '@noble/hashes/scrypt.js';
import { base64url } from '../auth/tokens';
import { ConfigError } from '../config';
import type { Env } from '../env';

/** The cost new hashes get. log2(N)=15 → 32 MiB and ~0.1–0.2 s of CPU per hash. */
export const SCRYPT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
export type ScryptParams = { ln: number; r: number; p: number };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Parameters a stored hash may name: a corrupt row must not make a sign-in allocate gigabytes. */
const MIN_LN = 10;
const MAX_LN = 20;
const MAX_R = 32;
const MAX_P = 16;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/;

/**
 * The cost new hashes get here: SCRYPT_PARAMS, or log2(N) from PASSWORD_KDF_LN. The
 * workerd tests set 10: they sign in hundreds of times on shared cores, where a real
 * cost would only measure the machine's load (the e2e tests and the bench run at 15).
 */
export function kdfParams(env: Pick<Env, 'PASSWORD_KDF_LN'>): ScryptParams {
  if (env.PASSWORD_KDF_LN === undefined || env.PASSWORD_KDF_LN === '') return SCRYPT_PARAMS;
  const ln = Number(env.PASSWORD_KDF_LN);
  if (!Number.isInteger(ln) || ln < MIN_LN || ln > MAX_LN) {
    throw new ConfigError(`PASSWORD_KDF_LN must be a whole number from ${MIN_LN} to ${MAX_LN} (log2 of scrypt's N).`);
  }
  return { ...SCRYPT_PARAMS, ln };
}

export interface StoredHash {
  params: ScryptParams;
  salt: Uint8Array;
  key: Uint8Array;
}

/** `$scrypt$ln=15,r=8,p=1$<salt>$<key>`, salt and key in base64url. */
export function encodeHash({ params, salt, key }: StoredHash): string {
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${base64url(salt)}$${base64url(key)}`;
}

/** The parts of a stored hash, or null when it is not one this module wrote. */
export function decodeHash(stored: string): StoredHash | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (
    params.ln < MIN_LN ||
    params.ln > MAX_LN ||
    params.r < 1 ||
    params.r > MAX_R ||
    params.p < 1 ||
    params.p > MAX_P
  ) {
    return null;
  }
  return { params, salt: fromBase64url(m[4] ?? ''), key: fromBase64url(m[5] ?? '') };
}

function derive(password: string, salt: Uint8Array, params: ScryptParams, dkLen: number): Uint8Array {
  // NFKC: the same password typed on another keyboard or OS gives the same bytes.
  return scrypt(password.normalize('NFKC'), salt, { N: 2 ** params.ln, r: params.r, p: params.p, dkLen });
}

export function hashPassword(password: string, params: ScryptParams): string {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return encodeHash({ params, salt, key: derive(password, salt, params, KEY_BYTES) });
}

/**
 * Whether `password` matches `stored` (compared in constant time), and whether the hash
 * was made with other parameters than `current` and should be replaced. An unreadable
 * hash never matches.
 */
export function verifyPassword(
  password: string,
  stored: string,
  current: ScryptParams,
): { ok: boolean; stale: boolean } {
  const hash = decodeHash(stored);
  if (!hash) return { ok: false, stale: false };
  const key = derive(password, hash.salt, hash.params, hash.key.byteLength);
  const ok = bytesEqual(key, hash.key);
  const p = hash.params;
  const stale = p.ln !== current.ln || p.r !== current.r || p.p !== current.p;
  return { ok, stale };
}

/**
 * A hash no password matches (its key is random, never derived), verified against when
 * the email is unknown so that an unknown email costs the same work as a wrong password.
 */
const dummies = new Map<string, string>();
export function dummyHash(params: ScryptParams): string {
  const name = `${params.ln},${params.r},${params.p}`;
  let dummy = dummies.get(name);
  if (!dummy) {
    dummy = encodeHash({
      params,
      salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
      key: crypto.getRandomValues(new Uint8Array(KEY_BYTES)),
    });
    dummies.set(name, dummy);
  }
  return dummy;
}

/** Constant-time equality (workerd's crypto.subtle.timingSafeEqual is not in Node, where unit tests run). */
function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}
