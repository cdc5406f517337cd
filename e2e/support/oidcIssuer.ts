/**
 * A real OpenID Connect issuer for tests: `oidc-provider` from npm, on a loopback port,
 * with its development login form (any login, any password), the clients a test names,
 * and the knobs an attack needs — all applied to the real provider, never a fake:
 *  - `rotateKeys()` replaces its signing key (the old one leaves its JWKS);
 *  - `expireCodes()` makes every authorization code it issued expired;
 *  - `replaceNextIdToken(token)` makes its token endpoint answer the next exchange with
 *    another real ID token (one a second issuer or client issued): a mixed-up or
 *    compromised token endpoint.
 * Consent is granted without a prompt (as Cognito does), so a login ends at the callback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, {
  type Adapter,
  type AdapterPayload,
  type ClientMetadata,
  type KoaContextWithOIDC,
} from 'oidc-provider';

export interface TestUser {
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

export interface TestIssuer {
  /** The issuer identifier (its `iss`), e.g. http://127.0.0.1:9163 */
  url: string;
  /** login → claims; a login not here gets `<login>@users.test`, verified. */
  users: Map<string, TestUser>;
  rotateKeys(): Promise<void>;
  /** Requests it answered, by path: how often the worker fetched discovery or the JWKS. */
  hits: Map<string, number>;
  /** The key ids its JWKS has published so far, newest last. */
  keyIds: string[];
  expireCodes(): void;
  /** While false, every connection is dropped unanswered (an issuer that is down). */
  setAnswering(answering: boolean): void;
  replaceNextIdToken(idToken: string): void;
  close(): Promise<void>;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Starts an issuer on `port` (loopback) that knows `clients`. */
export async function startTestIssuer(port: number, clients: TestClient[]): Promise<TestIssuer> {
  const url = `http://127.0.0.1:${port}`;
  const store = new Map<string, AdapterPayload>();
  const users = new Map<string, TestUser>();
  const keyIds: string[] = [];
  const hits = new Map<string, number>();
  let replacement: string | undefined;
  let answering = true;

  async function build(): Promise<Provider> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `key-${keyIds.length + 1}`;
    keyIds.push(kid);
    const provider = new Provider(url, {
      adapter: (name: string) => new MapAdapter(name, store),
      clients: clients.map(
        (client): ClientMetadata => ({
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
      ),
      cookies: { keys: ['codesync-test-issuer-cookie-key'] },
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // Claims in the ID token itself, as Cognito and Google send them.
      conformIdTokenClaims: false,
      // Every client must use PKCE: a worker that forgot it would fail here.
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Session: 3600, Grant: 3600, Interaction: 600 },
      findAccount: (_ctx: KoaContextWithOIDC, id: string) => ({
        accountId: id,
        claims: () => ({
          sub: id,
          ...(users.get(id) ?? { email: `${id}@users.test`, email_verified: true, name: id }),
        }),
      }),
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        const clientId = ctx.oidc.client?.clientId;
        if (!accountId || !clientId) return undefined;
        const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && replacement && ctx.body && typeof ctx.body === 'object') {
        ctx.body = { ...(ctx.body as object), id_token: replacement };
        replacement = undefined;
      }
    });
    return provider;
  }

  let handler = (await build()).callback();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!answering) return req.socket.destroy();
    return handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  if ((server.address() as AddressInfo).port !== port) throw new Error(`test issuer is not on ${port}`);

  return {
    url,
    users,
    hits,
    keyIds,
    async rotateKeys() {
      handler = (await build()).callback();
    },
    expireCodes() {
      for (const [key, payload] of store) {
        if (key.startsWith('AuthorizationCode:')) payload.exp = Math.floor(Date.now() / 1000) - 60;
      }
    },
    setAnswering(value) {
      answering = value;
    },
    replaceNextIdToken(idToken) {
      replacement = idToken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
}

/** oidc-provider's storage in a Map shared across key rotations (its sessions survive them). */
class MapAdapter implements Adapter {
  constructor(
    private readonly name: string,
    private readonly store: Map<string, AdapterPayload>,
  ) {}

  private key(id: string) {
    return `${this.name}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload) {
    this.store.set(this.key(id), payload);
  }

  async find(id: string) {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string) {
    for (const [key, payload] of this.store) if (key.startsWith(`${this.name}:`) && payload.uid === uid) return payload;
    return undefined;
  }

  async findByUserCode(userCode: string) {
    for (const [key, payload] of this.store) {
      if (key.startsWith(`${this.name}:`) && payload.userCode === userCode) return payload;
    }
    return undefined;
  }

  async consume(id: string) {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string) {
    for (const [key, payload] of this.store) if (payload.grantId === grantId) this.store.delete(key);
  }
}
