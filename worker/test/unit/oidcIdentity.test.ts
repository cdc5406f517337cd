/**
 * What CodeSync keeps of a verified ID token's claims (accounts/oidc/identities.ts).
 */
import { describe, expect, it } from 'vitest';
import { MAX_ACCOUNT_NAME_CHARS, MAX_EMAIL_CHARS } from '../../src/accounts/limits';
import { identityOf } from '../../src/accounts/oidc/identities';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';

describe('the identity taken from an ID token', () => {
  it('[OIDC11] keeps an email only when the issuer verified it (a boolean, or Cognito’s string "true"), trimmed and lower-cased', () => {
    expect(identityOf(ISSUER, { sub: 's1', email: ' Ada@Example.COM ', email_verified: true }).email).toBe(
      'ada@example.com',
    );
    expect(identityOf(ISSUER, { sub: 's1', email: 'ada@example.com', email_verified: 'true' }).email).toBe(
      'ada@example.com',
    );
    for (const unverified of [false, 'false', undefined, 1, 'yes']) {
      expect(identityOf(ISSUER, { sub: 's1', email: 'ada@example.com', email_verified: unverified }).email).toBeNull();
    }
  });

  it('[OIDC11] names the account from name, then preferred_username, then the email, and cuts a long name (a long email is dropped)', () => {
    expect(identityOf(ISSUER, { sub: 's', name: 'Ada L', preferred_username: 'ada' }).name).toBe('Ada L');
    expect(identityOf(ISSUER, { sub: 's', name: '  ', preferred_username: 'ada' }).name).toBe('ada');
    expect(identityOf(ISSUER, { sub: 's', email: 'grace@navy.mil', email_verified: true }).name).toBe('grace');
    expect(identityOf(ISSUER, { sub: 's' }).name).toBe('Interviewer');
    const long = identityOf(ISSUER, {
      sub: 's',
      name: 'x'.repeat(5000),
      email: `${'y'.repeat(5000)}@e.com`,
      email_verified: true,
    });
    expect(long.name).toHaveLength(MAX_ACCOUNT_NAME_CHARS);
    // An email too long to be one is dropped, never cut into another address.
    expect(long.email).toBeNull();
    const longest = `${'y'.repeat(MAX_EMAIL_CHARS - 6)}@e.com`;
    expect(identityOf(ISSUER, { sub: 's', email: longest, email_verified: true }).email).toBe(longest);
    expect(identityOf(ISSUER, { sub: 'abc-123' })).toMatchObject({ issuer: ISSUER, subject: 'abc-123' });
  });
});
