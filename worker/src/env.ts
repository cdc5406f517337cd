import type { PanelDO } from './panel/PanelDO';
import type { RoomDO } from './room/RoomDO';

/** The worker's bindings (wrangler.toml). */
export interface Env {
  DB: D1Database;
  SNAPSHOTS: R2Bucket;
  ROOM: DurableObjectNamespace<RoomDO>;
  /** The panel's notes, scorecard and signals, one object per room (panel/PanelDO.ts). */
  PANEL: DurableObjectNamespace<PanelDO>;
  /** Where the executor listens (wrangler.toml [vars]). */
  EXECUTOR_URL: string;
  /** Signs requests to the executor and checks its callbacks (.dev.vars / a secret). */
  EXECUTOR_SECRET: string;
  /** The worker's public origin: share links and executor callbacks (config.ts). */
  PUBLIC_URL: string;
  /** Days an ended room is kept before it is deleted (room/retention.ts); default limits.RETENTION_DAYS. */
  RETENTION_DAYS?: string;
  /** log2 of scrypt's N for new password hashes (accounts/password.ts); default 15. */
  PASSWORD_KDF_LN?: string;
  /** "true" only where Cloudflare's edge sets CF-Connecting-IP (production): auth/clientKey.ts. */
  TRUST_CF_CONNECTING_IP?: string;
  /** "true": creating a room needs a signed-in account (accounts/ownership/policy.ts); local dev keeps "false". */
  REQUIRE_ACCOUNT?: string;
  /** OpenID Connect sign-in (accounts/oidc/settings.ts): all three or none; the secret is a secret. */
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  /** The name on the "Sign in with …" button (default: the issuer's host name). */
  OIDC_PROVIDER_NAME?: string;
  /** Optional Workers Analytics Engine dataset for the rooms' figures (room/roomFigures.ts, docs/OPERATIONS.md). */
  ROOM_METRICS?: AnalyticsEngineDataset;
}

declare global {
  namespace Cloudflare {
    // What `env` from "cloudflare:workers" holds (what `wrangler types` would write).
    interface Env extends WorkerBindings {}
  }
}
type WorkerBindings = Env;
