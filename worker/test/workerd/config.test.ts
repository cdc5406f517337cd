/**
 * PUBLIC_URL is the only source of the addresses the worker gives out: a request's
 * Host header never reaches a link, and a worker without PUBLIC_URL makes no room.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../src/index';
import { BASE } from './support';

const roomCount = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM rooms').first<{ n: number }>())?.n ?? 0;

describe('configuration', () => {
  it('[CFG1] share links come from PUBLIC_URL even when the request names another host', async () => {
    const res = await exports.default.fetch('https://attacker.example/api/rooms', {
      method: 'POST',
      body: '{}',
      headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example', 'cf-connecting-ip': '127.9.0.1' },
    });
    expect(res.status).toBe(201);
    const { roomId, links } = (await res.json()) as { roomId: string; links: Record<string, string> };
    for (const link of Object.values(links)) {
      expect(link.startsWith(`${BASE}/r/${roomId}#token=`)).toBe(true);
      expect(link).not.toContain('attacker');
    }
  });

  it.each([
    ['unset', ''],
    ['not a URL', 'codesync.example'],
    ['not http(s)', 'ftp://codesync.example'],
  ])('[CFG2] PUBLIC_URL %s: no room is made, and the answer names the variable', async (_what, value) => {
    const before = await roomCount();
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${BASE}/api/rooms`, { method: 'POST', body: '{}', headers: { 'cf-connecting-ip': '127.9.0.2' } }),
      { ...env, PUBLIC_URL: value },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('misconfigured');
    expect(error.message).toContain('PUBLIC_URL');
    expect(await roomCount()).toBe(before);
  });
});
