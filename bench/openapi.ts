/**
 * What the OpenAPI document (worker/src/openapi/) costs: building it once per isolate
 * (every route's zod schemas through z.toJSONSchema, then the docs page), and serving it
 * from that isolate's copy afterwards, beside the cheapest route (`GET /health`) through
 * the same Hono app in the same run. Plus its size, plain and gzipped.
 *
 *   npm run bench:openapi
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { summarize, table } from './lib/stats';

// The worker's modules are typed with the Workers types, not this project's Node ones:
// loaded by path, typed here as much as this script uses them.
interface Worker {
  app: { routes: unknown[]; request(path: string, init: object, env: object): Promise<Response> };
  openApiDocument(routes: unknown[], cookieName: string): { paths: object };
  docsPage(doc: unknown): string;
}
const load = (path: string) => import(new URL(path, import.meta.url).href);
const { app }: Pick<Worker, 'app'> = await load('../worker/src/app.ts');
const { openApiDocument }: Pick<Worker, 'openApiDocument'> = await load('../worker/src/openapi/document.ts');
const { docsPage }: Pick<Worker, 'docsPage'> = await load('../worker/src/openapi/docsPage.ts');

const BUILDS = 50;
const REQUESTS = 2_000;
const env = { PUBLIC_URL: 'http://127.0.0.1:8787' };

function timed(n: number, run: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  return samples;
}

async function timedRequests(path: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await app.request(path, {}, env);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    samples.push(performance.now() - t);
  }
  return samples;
}

const build = summarize(timed(BUILDS, () => docsPage(openApiDocument(app.routes, 'codesync_session'))));
await app.request('/api/openapi.json', {}, env); // the isolate's one build
const health = summarize(await timedRequests('/health'));
const served = summarize(await timedRequests('/api/openapi.json'));
const page = summarize(await timedRequests('/api/docs'));

const json = JSON.stringify(openApiDocument(app.routes, 'codesync_session'));
const html = docsPage(JSON.parse(json));
console.log(`\nThe OpenAPI document: ${Object.keys(JSON.parse(json).paths as object).length} paths\n`);
console.log(
  table([
    { what: 'build document + page (once per isolate)', n: build.n, 'p50 ms': build.p50, 'p99 ms': build.p99 },
    { what: 'GET /health (baseline)', n: health.n, 'p50 ms': health.p50, 'p99 ms': health.p99 },
    { what: 'GET /api/openapi.json (built)', n: served.n, 'p50 ms': served.p50, 'p99 ms': served.p99 },
    { what: 'GET /api/docs (built)', n: page.n, 'p50 ms': page.p50, 'p99 ms': page.p99 },
  ]),
);
const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);
const gz = (s: string) => (gzipSync(s).byteLength / 1024).toFixed(1);
console.log(
  `\nsize: openapi.json ${kb(json)} KB (${gz(json)} KB gzip), docs page ${kb(html)} KB (${gz(html)} KB gzip)`,
);
console.log(`heap used after: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MB`);
