/**
 * Starts the executor: validated config, the app, listen, graceful close.
 */

import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const app = await buildApp(config, { logger: true });
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing running jobs, removing sandboxes`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        app.log.error(error);
        process.exit(1);
      },
    );
  });
}
await app.listen({ host: config.host, port: config.port });
