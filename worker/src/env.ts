import type { RoomDO } from './room/RoomDO';

/** The worker's bindings (wrangler.toml). */
export interface Env {
  DB: D1Database;
  SNAPSHOTS: R2Bucket;
  ROOM: DurableObjectNamespace<RoomDO>;
}

declare global {
  namespace Cloudflare {
    // What `env` from "cloudflare:workers" holds (what `wrangler types` would write).
    interface Env extends WorkerBindings {}
  }
}
type WorkerBindings = Env;
