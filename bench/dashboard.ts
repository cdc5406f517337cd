/**
 * What the dashboard's list costs (`GET /api/rooms`): one D1 query plus, for each listed
 * interview, one RPC to its room and one to its panel (candidate, question, verdict).
 * Timed from a client on loopback against `wrangler dev`, a page of DASHBOARD_PAGE_SIZE
 * interviews, beside `GET /api/auth/me` (the same session lookup, nothing else) as the
 * baseline. The first list wakes every room's object; the rest find them awake.
 *
 *   npm run bench:dashboard          (BENCH_RUNS=20 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { DASHBOARD_PAGE_SIZE } from '../worker/src/accounts/limits';
import { summarize, table } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function main() {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-dashboard-'));
  applyMigrations(persistTo);
  const port = await freePort();
  // Each request from its own address: the rooms-per-minute limit must not cut the set-up short.
  const server = await startWrangler({ port, persistTo, vars: { TRUST_CF_CONNECTING_IP: 'true' } });
  const url = `http://127.0.0.1:${port}`;
  let client = 0;
  const headers = (cookie = '') => ({
    'content-type': 'application/json',
    origin: url,
    cookie,
    'cf-connecting-ip': `127.2.${Math.floor(++client / 250)}.${(client % 250) + 1}`,
  });
  const account = { email: 'dash@example.com', password: 'correct horse battery', name: 'Dash' };
  try {
    const up = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(account),
    });
    if (up.status !== 202) throw new Error(`sign-up: ${up.status} ${await up.text()}`);
    const signedIn = await fetch(`${url}/api/auth/signin`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    for (let i = 0; i < DASHBOARD_PAGE_SIZE; i++) {
      const made = await fetch(`${url}/api/rooms`, {
        method: 'POST',
        headers: headers(cookie),
        body: JSON.stringify({ title: `Interview ${i}`, questionId: 'two-sum' }),
      });
      if (made.status !== 201) throw new Error(`create: ${made.status} ${await made.text()}`);
    }
    const time = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      const body = (await res.json()) as { interviews?: unknown[] };
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (path === '/api/rooms' && body.interviews?.length !== DASHBOARD_PAGE_SIZE) throw new Error('short page');
      return performance.now() - t0;
    };
    const first = await time('/api/rooms');
    const measure = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await time(path));
      return summarize(samples);
    };
    const list = await measure('/api/rooms');
    const me = await measure('/api/auth/me');
    const row = (request: string, m: ReturnType<typeof summarize>) => ({
      request,
      n: m.n,
      'p50 ms': m.p50,
      'p99 ms': m.p99,
    });
    console.log(`GET /api/rooms with ${DASHBOARD_PAGE_SIZE} interviews (one page); one request at a time`);
    console.log(
      table([
        { request: 'GET /api/rooms, first (wakes every room)', n: 1, 'p50 ms': first, 'p99 ms': first },
        row('GET /api/rooms, warm', list),
        row('GET /api/auth/me (baseline)', me),
      ]),
    );
  } finally {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
