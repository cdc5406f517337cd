/**
 * A trivial program per language through the executor (POST /v1/jobs?wait=true), at
 * concurrency 1 and 4, under each sandbox runtime (runc, gVisor's runsc), beside
 * `docker run --rm` of the same image and payload under that runtime, and beside the
 * same program run directly on this host, all in one run. Then where a sandbox's time
 * goes, step by step, and the engine's own ceiling (bench/lib/containerPhases.ts).
 *
 *   npm run bench:executor
 *   BENCH_OWNER=me BENCH_LANGUAGES=python,c BENCH_RUNS=10 BENCH_POOL_SIZE=2 BENCH_RUNTIMES=runc,runsc BENCH_PHASE_RUNS=10 npm run bench:executor
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signedHeaders } from '../executor/src/api';
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from '../executor/src/languages';
import { RUNNER_CAPABILITIES } from '../executor/src/sandbox/container';
import { imageTag } from '../executor/src/sandbox/imageTags.mjs';
import { buildPayload } from '../executor/src/sandbox/payload';
import { ensureImages, startExecutor } from '../scripts/lib/executor.mjs';
import { freePort } from '../scripts/lib/processes.mjs';
import { ceiling, cleanUp, phases } from './lib/containerPhases';
import { summarize, table } from './lib/stats';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 4);
const PYTHON_RUNS = Number(process.env.BENCH_PYTHON_RUNS ?? 100);
const languages = (process.env.BENCH_LANGUAGES?.split(',') ?? LANGUAGE_IDS) as LanguageId[];
const runtimes = process.env.BENCH_RUNTIMES?.split(',') ?? ['runc', 'runsc'];
const PHASE_RUNS = Number(process.env.BENCH_PHASE_RUNS ?? 20);
/** Runs whose verdict was not ok, per language: printed under the table. */
const notOk = new Map<string, string[]>();

/** Host commands for the same program, where this machine has the toolchain. */
const HOST: Partial<Record<LanguageId, (dir: string) => string>> = {
  python: (d) => `python3 ${d}/main.py`,
  javascript: (d) => `node ${d}/main.js`,
  c: (d) => `gcc -O2 -o ${d}/c.out ${d}/main.c && ${d}/c.out`,
  cpp: (d) => `g++ -O2 -o ${d}/cpp.out ${d}/main.cpp && ${d}/cpp.out`,
  java: (d) => `javac -d ${d} ${d}/Main.java && java -XX:TieredStopAtLevel=1 -cp ${d} Main`,
  rust: (d) => `rustc -O -o ${d}/rs.out ${d}/main.rs && ${d}/rs.out`,
};

async function timeAll(runs: number, concurrency: number, once: () => Promise<void>) {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) {
        next += 1;
        const t = performance.now();
        await once();
        samples.push(performance.now() - t);
      }
    }),
  );
  return { ...summarize(samples), perSecond: runs / ((performance.now() - start) / 1000) };
}

/** One executor under `runtime`, every language through it; then `docker run --rm` under the same runtime. */
async function underRuntime(runtime: string, rows: Record<string, string | number>[]) {
  const port = await freePort();
  const executor = await startExecutor({
    port,
    secret: SECRET,
    env: {
      EXECUTOR_POOL_SIZE: String(POOL_SIZE),
      // What it waits to see warm, whatever EXECUTOR_POOL_LANGUAGES the shell exports.
      EXECUTOR_POOL_LANGUAGES: languages.join(','),
      EXECUTOR_CONCURRENCY: '4',
      EXECUTOR_OWNER: process.env.BENCH_OWNER ?? 'bench',
      EXECUTOR_RUNTIME: runtime,
    },
  });
  try {
    for (const language of languages) {
      const { entry, starter } = LANGUAGES[language];
      const files = [{ path: entry, content: starter }];
      const runs = language === 'python' ? PYTHON_RUNS : RUNS;
      const viaExecutor = async () => {
        const body = JSON.stringify({ language, files });
        const res = await fetch(`http://127.0.0.1:${port}/v1/jobs?wait=true`, {
          method: 'POST',
          headers: await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs?wait=true', body }),
          body,
        });
        const result = (await res.json()) as { verdict: string };
        // On a loaded machine a run can miss its time limit: counted and shown, not fatal.
        if (result.verdict !== 'ok')
          notOk.set(language, [...(notOk.get(language) ?? []), `${runtime}: ${result.verdict}`]);
      };
      await viaExecutor(); // warm
      // A click on Run in an interview: the pool has refilled since the last run.
      const poolFull = async () => {
        for (;;) {
          const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
            pool: { ready: Record<string, number> };
          };
          if ((health.pool.ready[language] ?? 0) >= POOL_SIZE) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const idleSamples: number[] = [];
      for (let i = 0; i < Math.min(runs, 30); i++) {
        await poolFull();
        const t = performance.now();
        await viaExecutor();
        idleSamples.push(performance.now() - t);
      }
      const idle = summarize(idleSamples);
      const row = (how: string, r: { n: number; p50: number; p99: number; perSecond?: number }) =>
        rows.push({ language, runtime, how, runs: r.n, 'p50 ms': r.p50, 'p99 ms': r.p99, 'runs/s': r.perSecond ?? '' });
      row('executor, pool full', idle);
      for (const concurrency of [1, 4])
        row(`executor back-to-back c=${concurrency}`, await timeAll(runs, concurrency, viaExecutor));
      const payload = await buildPayload(
        { nonce: 'bench', entry, analyze: false, memoryMb: 256, caseOutputBytes: 0 },
        files,
        { stdin: '' },
      );
      const dockerRun = () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(
            'docker',
            [
              'run',
              '--rm',
              '-i',
              '--runtime',
              runtime,
              '--network',
              'none',
              '--read-only',
              '--memory',
              '256m',
              '--pids-limit',
              runtime === 'runsc' ? '512' : '128',
              '--tmpfs',
              '/tmp:rw,exec,size=64m,mode=1777',
              '--user',
              '0:0',
              '--cap-drop',
              'ALL',
              ...RUNNER_CAPABILITIES.flatMap((cap) => ['--cap-add', cap]),
              '--security-opt',
              'no-new-privileges',
              '--log-driver',
              'none',
              imageTag(language),
              '/usr/bin/perl',
              '/opt/codesync/runner.pl',
            ],
            { stdio: ['pipe', 'ignore', 'ignore'] },
          );
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker run exited ${code}`))));
          child.stdin.end(payload);
        });
      row('docker run --rm', await timeAll(Math.min(runs, 20), 1, dockerRun));
    }
  } finally {
    await executor.stop();
  }
}

/** The same programs straight on this host, where it has the toolchain: the floor. */
async function onHost(rows: Record<string, string | number>[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-bench-exec-'));
  try {
    for (const language of languages) {
      const host = HOST[language];
      if (!host) continue;
      const { entry, starter } = LANGUAGES[language];
      writeFileSync(path.join(dir, entry), starter);
      const h = await timeAll(Math.min(RUNS, 20), 1, async () => {
        if (spawnSync('sh', ['-c', host(dir)], { stdio: 'ignore' }).status !== 0)
          throw new Error(`host ${language} failed`);
      });
      rows.push({
        language,
        runtime: '-',
        how: 'on the host',
        runs: h.n,
        'p50 ms': h.p50,
        'p99 ms': h.p99,
        'runs/s': h.perSecond,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Step by step for python's `print(1)`, and the engine's ceiling, under each runtime. */
async function steps() {
  const python = imageTag('python');
  const payload = await buildPayload(
    { nonce: 'bench', entry: 'main.py', analyze: false, memoryMb: 256, caseOutputBytes: 0 },
    [{ path: 'main.py', content: 'print(1)\n' }],
    { stdin: '' },
  );
  const commands = {
    true: { cmd: ['/bin/true'], stdin: '' },
    'perl -e 1': { cmd: ['/usr/bin/perl', '-e', '1'], stdin: '' },
    'python3 -c 1': { cmd: ['python3', '-c', '1'], stdin: '' },
    'runner + print(1)': { cmd: ['/usr/bin/perl', '/opt/codesync/runner.pl'], stdin: payload },
  };
  const phaseRows: Record<string, string | number>[] = [];
  const ceilingRows: Record<string, string | number>[] = [];
  try {
    for (const runtime of runtimes) {
      phaseRows.push(...(await phases(runtime, python, commands, PHASE_RUNS)));
      for (const concurrency of [1, 4]) {
        const c = await ceiling(runtime, python, PHASE_RUNS * 2, concurrency);
        ceilingRows.push({
          runtime,
          how: `bare container (/bin/true), c=${concurrency}`,
          runs: c.n,
          'p50 ms': c.p50,
          'p99 ms': c.p99,
          'runs/s': c.perSecond,
        });
      }
    }
  } finally {
    await cleanUp();
  }
  return { phaseRows, ceilingRows };
}

async function main() {
  await ensureImages([...languages, 'python']);
  const rows: Record<string, string | number>[] = [];
  for (const runtime of runtimes) await underRuntime(runtime, rows);
  await onHost(rows);
  console.log("\nTrivial program (each language's starter), end to end\n");
  console.log(table(rows));
  for (const [language, verdicts] of notOk) console.log(`not ok: ${language} ${verdicts.join(', ')}`);
  const { phaseRows, ceilingRows } = await steps();
  console.log('\nWhere the time goes: one python sandbox, step by step (what runs inside: step)\n');
  console.log(table(phaseRows));
  console.log("\nThe engine's ceiling: bare containers (python image, /bin/true)\n");
  console.log(table(ceilingRows));
  process.exit(0);
}

await main();
