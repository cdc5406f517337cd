/**
 * The worker: the HTTP app (app.ts), the scheduled sweeps, and the Durable Objects.
 * The web app is served from static assets (wrangler.toml [assets]) on the same origin.
 */

import { sweepAccounts } from './accounts/sweep';
import { app } from './app';
import type { Env } from './env';
import { sweepRetention } from './room/retention';

export default {
  fetch: app.fetch,
  /** wrangler.toml [triggers]: the retention sweep (room/retention.ts) and the accounts' (accounts/sweep.ts). */
  async scheduled(controller, env) {
    await sweepRetention(env, controller.scheduledTime);
    await sweepAccounts(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
export { PanelDO } from './panel/PanelDO';
export { RoomDO } from './room/RoomDO';
