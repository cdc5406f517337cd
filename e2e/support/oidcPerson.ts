import { createHash, randomBytes } from 'node:crypto';
import type { TestClient } from './oidcIssuer';

/**
 * A person signing in through an issuer over plain HTTP (no browser): one cookie jar
 * per origin, redirects followed by hand so a test can stop at, read and tamper with
 * each step — the authorization URL, the issuer's login form, the callback URL.
 */

export class OidcPerson {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly workerUrl: string) {}

  /** fetch with this person's cookies for the URL's origin; redirects are not followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** This person's cookie `name` at the worker, if any. */
  workerCookie(name: string): string | undefined {
    return this.jars.get(new URL(this.workerUrl).origin)?.get(name);
  }

  dropWorkerCookie(name: string): void {
    this.jars.get(new URL(this.workerUrl).origin)?.delete(name);
  }

  /** POST to the worker from its own pages (accounts/csrf.ts wants the Origin). */
  post(path: string, body: object): Promise<Response> {
    return this.fetch(`${this.workerUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.workerUrl },
      body: JSON.stringify(body),
    });
  }

  /** The signed-in account (GET /api/auth/me), or null. */
  async me(): Promise<{ id: string; email: string | null; name: string } | null> {
    const res = await this.fetch(`${this.workerUrl}/api/auth/me`);
    if (res.status === 401) return null;
    if (!res.ok) throw new Error(`/api/auth/me answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { account: { id: string; email: string | null; name: string } }).account;
  }

  /** Signs up and in with a password (routes/auth.ts). */
  async passwordAccount(email: string, password = 'correct horse battery staple'): Promise<void> {
    const up = await this.post('/api/auth/signup', { email, password, name: email.split('@')[0] });
    if (up.status !== 202) throw new Error(`sign-up answered ${up.status}: ${await up.text()}`);
    const signIn = await this.post('/api/auth/signin', { email, password });
    if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  }

  /** GET /api/auth/oidc/start: answers the issuer's authorization URL. */
  async start(query = ''): Promise<string> {
    const res = await this.fetch(`${this.workerUrl}/api/auth/oidc/start${query}`);
    if (res.status !== 302) throw new Error(`start answered ${res.status}: ${await res.text()}`);
    return String(res.headers.get('location'));
  }

  /**
   * At the issuer: follows its redirects, fills its login form with `login`, and answers
   * the URL it sends the browser back to (the worker's callback), without visiting it.
   */
  async authorize(authorizationUrl: string, login: string): Promise<string> {
    let url = authorizationUrl;
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.fetch(url, body ? { method: 'POST', body } : {});
      body = undefined;
      const location = res.headers.get('location');
      if (location) {
        const next = new URL(location, url).href;
        if (next.startsWith(this.workerUrl)) return next;
        url = next;
        continue;
      }
      const html = await res.text();
      if (res.status !== 200 || !html.includes('name="login"')) {
        throw new Error(`the issuer answered ${res.status} at ${url}: ${html.slice(0, 500)}`);
      }
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error('the issuer’s login form has no action');
      url = new URL(action.replaceAll('&amp;', '&'), url).href;
      body = new URLSearchParams({ prompt: 'login', login, password: 'any password' });
    }
    throw new Error('the issuer redirected more than 10 times');
  }

  /** Visits the callback URL as the browser would. */
  callback(callbackUrl: string): Promise<Response> {
    return this.fetch(callbackUrl);
  }

  /** The whole sign-in: start, log in at the issuer as `login`, come back. */
  async signIn(login: string, query = ''): Promise<Response> {
    return this.callback(await this.authorize(await this.start(query), login));
  }

  /**
   * An ID token straight from an issuer, for `client`, carrying `nonce`: what an attacker
   * (or a mixed-up issuer) could hand the worker's code exchange instead of its own.
   */
  async idTokenFrom(issuerUrl: string, client: TestClient, login: string, nonce: string): Promise<string> {
    const { code, verifier } = await this.codeFrom(issuerUrl, client, login, nonce);
    return exchangeCode(issuerUrl, client, code, verifier);
  }

  /** Logs in at the issuer for `client` (PKCE S256) and answers the code it sends back. */
  async codeFrom(issuerUrl: string, client: TestClient, login: string, nonce: string) {
    const verifier = randomBytes(32).toString('base64url');
    const authorization = new URL(`${issuerUrl}/auth`);
    authorization.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: randomBytes(16).toString('base64url'),
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const code = String(new URL(await this.authorize(authorization.href, login)).searchParams.get('code'));
    return { code, verifier };
  }
}

/** Exchanges a code at the issuer's token endpoint as `client`; answers the ID token. */
export async function exchangeCode(issuerUrl: string, client: TestClient, code: string, verifier: string) {
  const res = await fetch(`${issuerUrl}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await res.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`the issuer gave no ID token: ${JSON.stringify(body)}`);
  return body.id_token;
}
