/**
 * REQUIRE_ACCOUNT (creating an interview needs an account; candidates and observers
 * still join by link) and CSRF on every state change a session cookie authenticates.
 * The policy is tried through the worker's own fetch handler with the variable set,
 * against the real bindings.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../../src/index';
import { api, BASE, createRoom, Peer } from '../support';
import { asAccount, invite, ownedRoom, post, signedIn } from './accounts';

async function withPolicy(value: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', `10.9.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`);
  const request = new Request(`${BASE}${path}`, { ...init, headers });
  const res = await worker.fetch(
    request as Request<unknown, IncomingRequestCfProperties>,
    { ...env, REQUIRE_ACCOUNT: value },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const create = (value: string | undefined, headers: Record<string, string> = {}) =>
  withPolicy(value, '/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Policy' }),
  });

describe('REQUIRE_ACCOUNT', () => {
  it('[MINE8] "true": an anonymous room is refused 401 in words that say to sign in; a signed-in one is made and owned', async () => {
    const refused = await create('true');
    expect(refused.status).toBe(401);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('not_signed_in');
    expect(error.message).toMatch(/Sign in to create an interview/);
    const ada = await signedIn('Ada');
    const made = await create('true', { cookie: ada.cookie, origin: BASE });
    expect(made.status).toBe(201);
    const { roomId, tokens } = (await made.json()) as { roomId: string; tokens: Record<string, string> };
    // Candidates and observers join by link, without an account.
    const candidate = await Peer.connect(roomId, tokens.candidate as string, { name: 'Cora' });
    const observer = await withPolicy('true', `/api/rooms/${roomId}`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(observer.status).toBe(200);
    candidate.close();
  });

  it('[MINE8] "false" or unset: anonymous rooms work as before; any other value is a configuration error naming it', async () => {
    expect((await create('false')).status).toBe(201);
    expect((await create(undefined)).status).toBe(201);
    expect(env.REQUIRE_ACCOUNT).toBe('false'); // wrangler.toml's local default
    const bad = await create('yes');
    expect(bad.status).toBe(500);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('REQUIRE_ACCOUNT');
  });
});

describe('CSRF on cookie-authenticated changes', () => {
  it('[MINE7] a state change carried by the session cookie from another site is refused 403 and changes nothing', async () => {
    const ada = await signedIn('Ada');
    const room = await ownedRoom(ada);
    const token = await invite(ada);
    const evil = 'https://evil.example';
    const at = `/api/rooms/${room.roomId}`;
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/rooms', { title: 'Forged' }],
      ['POST', '/api/teams/invites', undefined],
      ['POST', '/api/teams/join', { token }],
      ['POST', '/api/teams/leave', undefined],
      ['POST', `${at}/tickets`, undefined],
      ['POST', `${at}/end`, undefined],
      ['POST', `${at}/links/candidate`, undefined],
      ['POST', `${at}/clock`, { action: 'clear' }],
      ['POST', `${at}/language`, { language: 'go' }],
      ['POST', `${at}/runs`, {}],
      ['POST', `${at}/tests`, {}],
      ['PUT', `${at}/question`, { op: 'edit', title: 'Forged' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await asAccount(ada, path, {
        method,
        from: evil,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
    }
    // No origin at all is no better.
    const bare = await api('/api/teams/invites', { method: 'POST', headers: { cookie: ada.cookie } });
    expect(bare.status).toBe(403);
    // Nothing happened: the room is open, the link still works, Ada is still in her team.
    const details = await asAccount(ada, `/api/rooms/${room.roomId}`);
    expect(((await details.json()) as { status: string }).status).toBe('active');
    expect((await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate })).status).toBe(200);
    expect((await post(ada, '/api/teams/leave')).status).toBe(200);
  });

  it('[MINE7] a Bearer link token needs no origin check (a browser never adds one), and reads pass', async () => {
    const anonymous = await createRoom();
    const res = await api(`/api/rooms/${anonymous.roomId}/tickets`, {
      method: 'POST',
      token: anonymous.tokens.interviewer,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(201);
    const ada = await signedIn('Ada');
    expect((await asAccount(ada, '/api/rooms', { from: 'https://evil.example' })).status).toBe(200);
  });
});
