/**
 * The web app's one API client (web/src/api/client.ts) against a real HTTP server on
 * loopback: refusals arrive as the server's own words, a body that is not the refusal
 * shape still says what happened, and no answer at all says the server is unreachable.
 * And where the app goes after signing in: only a path of its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPath } from '../src/account/session';
import { ApiError, api } from '../src/api/client';

let server: Server;
let base = '';
const seen: { method?: string; authorization?: string; contentType?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      if (req.url === '/refused') {
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { code: 'rate_limited', message: 'Too many sign-ins. Try again in 15 min.' } }),
        );
      } else if (req.url === '/broken') {
        res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
        res.end('<html>upstream died</html>');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the API client', () => {
  it('[ACCT9] sends JSON with the link token as a Bearer header and answers the JSON', async () => {
    expect(await api(`${base}/ok`, { method: 'POST', body: { a: 1 }, token: 't0k' })).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      authorization: 'Bearer t0k',
      contentType: 'application/json',
      body: '{"a":1}',
    });
    expect(await api(`${base}/empty`)).toBeUndefined();
  });

  it('[ACCT9] a refusal is an ApiError with the server’s code and words; a foreign body still says the status', async () => {
    const refused = await api(`${base}/refused`, { method: 'POST' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Too many sign-ins. Try again in 15 min.',
    });
    const broken = await api(`${base}/broken`).catch((e: unknown) => e);
    expect(broken).toMatchObject({ status: 502, code: 'http_error', message: 'The server answered 502 Bad Gateway.' });
  });

  it('[ACCT9] no answer at all is "cannot be reached", in words', async () => {
    const closed = `http://127.0.0.1:9/nothing`; // the discard port: nothing listens
    const error = await api(closed).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 0,
      code: 'unreachable',
      message: expect.stringContaining('cannot be reached'),
    });
  });

  it.each([
    ['?next=/dashboard', '/dashboard'],
    ['?next=/r/abc%23token%3Dx', '/r/abc#token=x'],
    ['', '/'],
    ['?next=//evil.example/x', '/'],
    ['?next=/\\evil.example', '/'],
    ['?next=https://evil.example', '/'],
    ['?next=javascript:alert(1)', '/'],
    // A tab or a line break inside is dropped by URL parsing: `/<TAB>/evil.example` is `//evil.example`.
    ['?next=/%09/evil.example', '/'],
    ['?next=/%0A/evil.example', '/'],
    ['?next=/%0D%0A/evil.example/x', '/'],
  ])('[ACCT9] after signing in, %j goes to %s (never another site)', (search, expected) => {
    expect(nextPath(search)).toBe(expected);
  });
});
