/**
 * Every binding of Env (env.ts) and what provides it in production, read by the offline
 * deploy check (deploy/test/workerBundle.test.ts) against `[env.production]` in
 * wrangler.toml. The type makes adding a binding to Env without saying how production
 * gets it a compile error, so a deploy can never miss one silently.
 */
import type { Env } from './env';

export type BindingSource =
  /** Must be in [env.production]: a D1 database, an R2 bucket, a Durable Object namespace, a var. */
  | 'd1'
  | 'r2'
  | 'durable_object'
  | 'var'
  /** Set with `wrangler secret put`, never in a file. */
  | 'secret'
  /** Has a default in code; production may set it. */
  | 'optional';

export const BINDINGS = {
  DB: 'd1',
  SNAPSHOTS: 'r2',
  ROOM: 'durable_object',
  PANEL: 'durable_object',
  EXECUTOR_URL: 'var',
  EXECUTOR_SECRET: 'secret',
  PUBLIC_URL: 'var',
  REQUIRE_ACCOUNT: 'var',
  TRUST_CF_CONNECTING_IP: 'var',
  RETENTION_DAYS: 'optional',
  PASSWORD_KDF_LN: 'optional',
  OIDC_ISSUER: 'optional',
  OIDC_CLIENT_ID: 'optional',
  OIDC_CLIENT_SECRET: 'optional',
  OIDC_PROVIDER_NAME: 'optional',
  ROOM_METRICS: 'optional',
} as const satisfies { [K in keyof Env]-?: BindingSource };

/** Production must hold these values exactly (SPEC § Deploy). */
export const PRODUCTION_VARS = { REQUIRE_ACCOUNT: 'true', TRUST_CF_CONNECTING_IP: 'true' } as const;
