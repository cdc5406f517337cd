/**
 * What an OpenID Connect sign-in costs the worker, against the test issuer (oidc-provider
 * on loopback, e2e/support/oidcIssuer.ts) and `wrangler dev`: the latency of the start
 * (flow row + redirect) and of the callback (the code exchange at the issuer, the ID
 * token's signature against the cached JWKS, the account, a new session), beside the
 * issuer's own token endpoint answering the same exchange directly (the part the
 * callback must wait for) and GET /api/auth/me (a session lookup).
 *
 *   npm run bench:oidc-signin          (BENCH_RUNS=20 by default; at most 55: the per-client cap on starts)
 */
import { performance } from 'node:perf_hooks';
import { exchangeCode, OidcPerson } from '../e2e/support/oidcPerson';
import { startOidcStack } from '../e2e/support/oidcStack';
import { summarize, table } from './lib/stats';

const RUNS = Math.min(55, Number(process.env.BENCH_RUNS ?? 20));
const ISSUER_PORT = 9163;

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  samples.push(performance.now() - t0);
  return value;
}

async function main() {
  const stack = await startOidcStack(ISSUER_PORT);
  try {
    const person = new OidcPerson(stack.worker.url);
    // Warm: the isolate, discovery, the JWKS and the account exist before anything is timed.
    if ((await person.signIn('bench')).status !== 303) throw new Error('the warm-up sign-in failed');
    const start: number[] = [];
    const callback: number[] = [];
    const me: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const authorization = await timed(start, () => person.start());
      const back = await person.authorize(authorization, 'bench');
      const res = await timed(callback, () => person.callback(back));
      if (res.status !== 303) throw new Error(`callback: ${res.status} ${await res.text()}`);
      await timed(me, () => person.me());
    }
    // The issuer alone: a code exchanged at its token endpoint by a client on loopback.
    const helper = new OidcPerson(stack.worker.url);
    for (let i = 0; i < RUNS; i++) {
      const { code, verifier } = await helper.codeFrom(stack.issuer.url, stack.client, 'bench', `n${i}`);
      await timed(direct, () => exchangeCode(stack.issuer.url, stack.client, code, verifier));
    }
    const row = (what: string, samples: number[]) => {
      const s = summarize(samples);
      return { request: what, n: s.n, 'p50 ms': s.p50, 'p99 ms': s.p99, 'max ms': s.max };
    };
    console.log('OIDC sign-in, one at a time, warm isolate, issuer on loopback (oidc-provider, RS256)');
    console.log(
      table([
        row('GET /api/auth/oidc/start', start),
        row('GET /api/auth/oidc/callback (existing account)', callback),
        row('baseline: POST <issuer>/token alone', direct),
        row('baseline: GET /api/auth/me', me),
      ]),
    );
  } finally {
    await stack.dispose();
  }
}

await main();
