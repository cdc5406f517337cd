/**
 * The password hash's encoding (accounts/password.ts): what is stored names its
 * algorithm and parameters, and nothing a corrupt or hostile row holds can match a
 * password or make a sign-in allocate without bound.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeHash,
  dummyHash,
  encodeHash,
  hashPassword,
  kdfParams,
  SCRYPT_PARAMS,
  verifyPassword,
} from '../../src/accounts/password';

const LOW = { ln: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('[ACCT3] a hash is a PHC string naming scrypt and its parameters, salted afresh each time', () => {
    const a = hashPassword('correct horse battery', LOW);
    const b = hashPassword('correct horse battery', LOW);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    const decoded = decodeHash(a);
    expect(decoded?.params).toEqual(LOW);
    expect(decoded?.salt.byteLength).toBe(16);
    expect(decoded?.key.byteLength).toBe(32);
    expect(encodeHash(decoded ?? { params: LOW, salt: new Uint8Array(), key: new Uint8Array() })).toBe(a);
  });

  it('[ACCT3] the right password matches in any Unicode normal form, a wrong one does not', () => {
    const stored = hashPassword('pässwörd ünïcode', LOW);
    expect(verifyPassword('pässwörd ünïcode', stored, LOW)).toEqual({ ok: true, stale: false });
    // The same text typed as decomposed characters (another keyboard) is the same password.
    expect(verifyPassword('pässwörd ünïcode'.normalize('NFD'), stored, LOW).ok).toBe(true);
    expect(verifyPassword('pässwörd ünïcodE', stored, LOW).ok).toBe(false);
    expect(verifyPassword('pässwörd ünïcode', stored, { ...LOW, ln: 11 })).toEqual({ ok: true, stale: true });
  });

  it.each([
    ['not a PHC string', 'plaintext-password'],
    [
      'another algorithm',
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ],
    [
      'N past the cap (a 2^31 table)',
      '$scrypt$ln=31,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ],
    ['r past the cap', '$scrypt$ln=10,r=99,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N below the floor', '$scrypt$ln=1,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty key', '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$'],
  ])('[ACCT3] a stored hash that is %s never matches', (_what, stored) => {
    expect(decodeHash(stored)).toBeNull();
    expect(verifyPassword('anything at all', stored, LOW).ok).toBe(false);
  });

  it('[ACCT3] the dummy hash has today’s parameters and matches no password', () => {
    expect(decodeHash(dummyHash(LOW))?.params).toEqual(LOW);
    expect(verifyPassword('', dummyHash(LOW), LOW).ok).toBe(false);
    expect(verifyPassword('correct horse battery', dummyHash(LOW), LOW).ok).toBe(false);
  });

  it('[ACCT3] the cost is N=2^15, r=8, p=1 unless PASSWORD_KDF_LN names another in range', () => {
    expect(SCRYPT_PARAMS).toEqual({ ln: 15, r: 8, p: 1 });
    expect(kdfParams({})).toEqual(SCRYPT_PARAMS);
    expect(kdfParams({ PASSWORD_KDF_LN: '16' })).toEqual({ ln: 16, r: 8, p: 1 });
    for (const bad of ['9', '21', '15.5', 'fifteen']) {
      expect(() => kdfParams({ PASSWORD_KDF_LN: bad })).toThrow('PASSWORD_KDF_LN must be a whole number');
    }
  });
});
