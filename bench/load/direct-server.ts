/**
 * The direct worker (bench/lib/directWorker.ts: the bundle on one workerd, no dev
 * proxy) in a process of its own, so that the bench can read its process tree's CPU
 * and memory apart from the bench's own, and stop it like any other server.
 *
 *   DIRECT_PORT=8790 DIRECT_OUTDIR=/tmp/bundle node --import tsx bench/load/direct-server.ts
 */
import { startDirectWorker } from '../lib/directWorker';

const port = Number(process.env.DIRECT_PORT);
const outdir = process.env.DIRECT_OUTDIR;
if (!Number.isInteger(port) || port <= 0 || !outdir) {
  throw new Error('DIRECT_PORT must be a port number and DIRECT_OUTDIR a directory for the bundle');
}
// The bench creates dozens of rooms a minute; each names its own loopback address.
const worker = await startDirectWorker(outdir, port, { TRUST_CF_CONNECTING_IP: 'true' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    worker.dispose().finally(() => process.exit(0));
  });
}
