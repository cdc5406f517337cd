/**
 * The scheduled sweep removes expired sessions and rate-limit rows past their window,
 * and nothing that still counts.
 */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AUTH_RATE_WINDOW_SECONDS } from '../../../src/accounts/limits';
import { startSession } from '../../../src/accounts/sessions';
import worker from '../../../src/index';
import { account, authApi, me } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;
const rows = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n ?? -1;

describe('the accounts sweep', () => {
  it('[ACCT10] the cron sweep deletes expired sessions and old rate-limit rows, and keeps live ones', async () => {
    const { email, cookie } = await account();
    const id = (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(email).first<{ id: string }>())
      ?.id;
    const expired = await startSession(env, id ?? '', Date.now() - 31 * DAY_MS);
    await authApi('/signin', { email, password: 'a wrong guess here' });
    const old = Date.now() - (AUTH_RATE_WINDOW_SECONDS + 60) * 1000;
    await env.DB.prepare('INSERT INTO auth_attempts (key, at, id) VALUES (?, ?, ?)')
      .bind('old-key', old, 'old-id')
      .run();
    const liveAttempts = await rows('SELECT COUNT(*) AS n FROM auth_attempts WHERE at > ?', old + 1);

    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '0 * * * *' }), env);

    expect(await rows('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?', expired.session.tokenHash)).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM auth_attempts WHERE id = ?', 'old-id')).toBe(0);
    expect(await rows('SELECT COUNT(*) AS n FROM auth_attempts WHERE at > ?', old + 1)).toBe(liveAttempts);
    expect(liveAttempts).toBeGreaterThan(0);
    expect((await me(cookie)).status).toBe(200);
  });
});
