/**
 * Guessing passwords and probing emails, as fast as a script can: every password
 * endpoint runs out, per account and per client, with 429, Retry-After and words.
 */
import { describe, expect, it } from 'vitest';
import {
  AUTH_RATE_WINDOW_SECONDS,
  SIGNIN_FAILURES_PER_ACCOUNT,
  SIGNINS_PER_CLIENT,
  SIGNUPS_PER_CLIENT,
  SIGNUPS_PER_EMAIL,
} from '../../../src/accounts/limits';
import { account, authApi, errorOf, freshEmail, signIn, signUp } from './support';

let lastIp = 0;
const newIp = () => `127.44.${Math.floor(++lastIp / 250)}.${(lastIp % 250) + 1}`;

async function expectLimited(res: Response, words: string) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(AUTH_RATE_WINDOW_SECONDS);
  const error = await errorOf(res);
  expect(error.code).toBe('rate_limited');
  expect(error.message).toContain(words);
  return error;
}

describe('rate limits on signing in and up', () => {
  it('[ACCT8] past SIGNIN_FAILURES_PER_ACCOUNT wrong passwords an email is refused, even with the right one, and an unknown email alike', async () => {
    const { email, password } = await account();
    const unknown = freshEmail('nobody');
    for (const target of [email, unknown]) {
      for (let i = 0; i < SIGNIN_FAILURES_PER_ACCOUNT; i++) {
        const res = await authApi('/signin', { email: target, password: `guess number ${i}` }, { ip: newIp() });
        expect(res.status).toBe(401);
      }
    }
    const known = await expectLimited(
      await authApi('/signin', { email, password }, { ip: newIp() }),
      'Too many wrong passwords for this email',
    );
    const other = await expectLimited(
      await authApi('/signin', { email: unknown, password }, { ip: newIp() }),
      'Too many wrong passwords for this email',
    );
    expect(other.message.replace(/\d+ min\.$/, '')).toBe(known.message.replace(/\d+ min\.$/, ''));
    // Another account is not touched by this one's lock.
    const b = await account();
    expect(await signIn(b.email, b.password, { ip: newIp() })).toBeTruthy();
  }, 60_000);

  it('[ACCT8] a sign-in that succeeds does not count against its account', async () => {
    const { email, password } = await account();
    for (let i = 0; i < SIGNIN_FAILURES_PER_ACCOUNT + 2; i++) await signIn(email, password, { ip: newIp() });
    const res = await authApi('/signin', { email, password: 'one wrong guess' }, { ip: newIp() });
    expect(res.status).toBe(401);
  }, 60_000);

  it('[ACCT8] one client gets SIGNINS_PER_CLIENT sign-ins, right or wrong, whatever the emails', async () => {
    const ip = newIp();
    const { email, password } = await account();
    for (let i = 0; i < SIGNINS_PER_CLIENT; i++) {
      const res = await authApi(
        '/signin',
        i % 2 ? { email: freshEmail('spray'), password: 'a sprayed password' } : { email, password },
        { ip },
      );
      expect(res.status).toBe(i % 2 ? 401 : 200);
    }
    await expectLimited(await authApi('/signin', { email, password }, { ip }), 'Too many sign-ins from your network');
    expect(await signIn(email, password, { ip: newIp() })).toBeTruthy();
  }, 60_000);

  it('[ACCT8] sign-ups run out per email (SIGNUPS_PER_EMAIL) and per client (SIGNUPS_PER_CLIENT)', async () => {
    const email = freshEmail();
    for (let i = 0; i < SIGNUPS_PER_EMAIL; i++) {
      expect((await signUp(email, 'correct horse battery', 'A', { ip: newIp() })).status).toBe(202);
    }
    await expectLimited(
      await signUp(email, 'correct horse battery', 'A', { ip: newIp() }),
      'Too many sign-ups for this email',
    );

    const ip = newIp();
    for (let i = 0; i < SIGNUPS_PER_CLIENT; i++) {
      expect((await signUp(freshEmail(), 'correct horse battery', 'A', { ip })).status).toBe(202);
    }
    await expectLimited(
      await signUp(freshEmail(), 'correct horse battery', 'A', { ip }),
      'Too many sign-ups from your network',
    );
  }, 60_000);

  it('[ACCT8] wrong current passwords in a password change count as failed sign-ins', async () => {
    const { email, password, cookie } = await account();
    for (let i = 0; i < SIGNIN_FAILURES_PER_ACCOUNT; i++) {
      const res = await authApi(
        '/password',
        { current: `guess number ${i}`, next: 'a brand new password' },
        { cookie },
      );
      expect(res.status).toBe(401);
    }
    await expectLimited(
      await authApi('/password', { current: password, next: 'a brand new password' }, { cookie }),
      'Too many wrong passwords',
    );
    await expectLimited(await authApi('/signin', { email, password }, { ip: newIp() }), 'Too many wrong passwords');
  }, 60_000);
});
