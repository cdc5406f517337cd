/**
 * Starts the executor: validated config, the app, listen, graceful drain (drain.ts).
 */

import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { drainOnSignals } from './drain';

/** A bad value, or one the Docker engine refuses (an unknown EXECUTOR_RUNTIME), stops the boot with exit 2. */
function refuse(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  refuse(error);
}

const app = await buildApp(config, { logger: true }).catch(refuse);
drainOnSignals(app);
await app.listen({ host: config.host, port: config.port });
