/**
 * What a password sign-in costs in workerd: its latency from a client on loopback, and
 * the CPU time the workerd process spends on it (read from /proc), beside a request
 * that does the same session lookup without the KDF (GET /api/auth/me) as a baseline.
 *
 *   npm run bench:signin          (BENCH_RUNS=20 by default)
 *
 * Runs one sign-in at a time: the KDF is synchronous, so concurrent ones only queue.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { summarize, table } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TICKS_PER_SECOND = 100; // Linux USER_HZ, the unit of /proc/<pid>/stat times

/** CPU seconds (user + system) of every workerd process in the server's process group. */
function workerdCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
    if (name !== 'workerd' || Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

async function main() {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-signin-'));
  applyMigrations(persistTo);
  const port = await freePort();
  // Each request from its own address, as from many people: the per-client limit must not cut the bench short.
  const server = await startWrangler({ port, persistTo, vars: { TRUST_CF_CONNECTING_IP: 'true' } });
  const url = `http://127.0.0.1:${port}`;
  let client = 0;
  const headers = () => ({
    'content-type': 'application/json',
    origin: url,
    'cf-connecting-ip': `127.1.${Math.floor(++client / 250)}.${(client % 250) + 1}`,
  });
  const account = { email: 'bench@example.com', password: 'correct horse battery', name: 'Bench' };
  try {
    const up = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(account),
    });
    if (up.status !== 202) throw new Error(`sign-up: ${up.status} ${await up.text()}`);
    const signIn = () =>
      fetch(`${url}/api/auth/signin`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ email: account.email, password: account.password }),
      });
    const first = await signIn(); // warms the isolate (and the KDF's code) before anything is timed
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = () => fetch(`${url}/api/auth/me`, { headers: { cookie } });

    const measure = async (ask: () => Promise<Response>, expected: number) => {
      const latencies: number[] = [];
      const cpu0 = workerdCpuSeconds(server.pid);
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await ask();
        await res.arrayBuffer();
        if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
        latencies.push(performance.now() - t0);
      }
      return { latency: summarize(latencies), cpuMs: ((workerdCpuSeconds(server.pid) - cpu0) * 1000) / RUNS };
    };
    const signin = await measure(signIn, 200);
    const baseline = await measure(me, 200);
    const wrong = await measure(
      () =>
        fetch(`${url}/api/auth/signin`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ email: `nobody${Math.random()}@example.com`, password: 'not the password' }),
        }),
      401,
    );
    const row = (what: string, m: typeof signin) => ({
      request: what,
      n: m.latency.n,
      'latency p50 ms': m.latency.p50,
      'latency p99 ms': m.latency.p99,
      'workerd CPU ms/request': m.cpuMs,
    });
    console.log('Password KDF: SCRYPT_PARAMS in worker/src/accounts/password.ts; one request at a time, warm isolate');
    console.log(
      table([
        row('POST /api/auth/signin (right password)', signin),
        row('POST /api/auth/signin (unknown email)', wrong),
        row('GET /api/auth/me (baseline: no KDF)', baseline),
      ]),
    );
  } finally {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
