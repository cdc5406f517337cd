/**
 * A worker under `wrangler dev` signing people in with a real test issuer (oidcIssuer.ts),
 * plus a second issuer that knows the same client and a second client at the first
 * issuer: what the attacks in e2e/oidc*.test.ts need. Issuers listen on 127.0.0.1:9163+.
 */
import { freePort } from '../../scripts/lib/processes.mjs';
import { startTestIssuer, type TestClient, type TestIssuer } from './oidcIssuer';
import { OidcPerson } from './oidcPerson';
import { startWorker, type Worker } from './worker';

export interface OidcStack {
  worker: Worker;
  issuer: TestIssuer;
  /** Another issuer where the worker's client id is registered too. */
  otherIssuer: TestIssuer;
  /** The worker's client at both issuers. */
  client: TestClient;
  /** Another application registered at `issuer`, with the same redirect URI. */
  otherClient: TestClient;
  person(): OidcPerson;
  dispose(): Promise<void>;
}

/** `firstPort`: the issuer's port (the other issuer takes the next one). */
export async function startOidcStack(firstPort: number, providerName = 'Test ID'): Promise<OidcStack> {
  const workerPort: number = await freePort();
  const redirectUri = `http://127.0.0.1:${workerPort}/api/auth/oidc/callback`;
  const client = { clientId: 'codesync', clientSecret: 'codesync-test-client-secret-0123456789', redirectUri };
  const otherClient = { clientId: 'another-app', clientSecret: 'another-app-secret-0123456789abcdef', redirectUri };
  const issuer = await startTestIssuer(firstPort, [client, otherClient]);
  const otherIssuer = await startTestIssuer(firstPort + 1, [client]);
  const worker = await startWorker(
    {
      OIDC_ISSUER: issuer.url,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_PROVIDER_NAME: providerName,
    },
    workerPort,
  );
  return {
    worker,
    issuer,
    otherIssuer,
    client,
    otherClient,
    person: () => new OidcPerson(worker.url),
    async dispose() {
      await worker.dispose();
      await issuer.close();
      await otherIssuer.close();
    },
  };
}
