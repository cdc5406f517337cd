/**
 * A trivial program per language through the executor (POST /v1/jobs?wait=true), at
 * concurrency 1 and 4, beside `docker run --rm` of the same image and payload, and
 * beside the same program run directly on this host, all in one run.
 *
 *   npm run bench:executor              (BENCH_LANGUAGES=python,c … to narrow it)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { signedHeaders } from '../executor/src/api';
import { loadConfig } from '../executor/src/config';
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from '../executor/src/languages';
import { createSandbox } from '../executor/src/sandbox/container';
import { imageTag } from '../executor/src/sandbox/imageTags.mjs';
import { buildPayload } from '../executor/src/sandbox/payload';
import { ensureImages, startExecutor } from '../scripts/lib/executor.mjs';
import { freePort } from '../scripts/lib/processes.mjs';
import { summarize, table } from './lib/stats';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const POOL_SIZE = 4;
const PYTHON_RUNS = Number(process.env.BENCH_PYTHON_RUNS ?? 100);
const languages = (process.env.BENCH_LANGUAGES?.split(',') ?? LANGUAGE_IDS) as LanguageId[];

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

async function main() {
  ensureImages(languages);
  const port = await freePort();
  const executor = await startExecutor({
    port,
    secret: SECRET,
    env: { EXECUTOR_POOL_SIZE: String(POOL_SIZE), EXECUTOR_CONCURRENCY: '4', EXECUTOR_OWNER: 'bench' },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-bench-exec-'));
  const rows: Record<string, string | number>[] = [];
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
        if (result.verdict !== 'ok') throw new Error(`${language}: ${JSON.stringify(result)}`);
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
      rows.push({
        language,
        how: 'executor, pool full',
        runs: idle.n,
        'p50 ms': idle.p50,
        'p99 ms': idle.p99,
        'runs/s': '',
      });
      for (const concurrency of [1, 4]) {
        const r = await timeAll(runs, concurrency, viaExecutor);
        rows.push({
          language,
          how: `executor back-to-back c=${concurrency}`,
          runs,
          'p50 ms': r.p50,
          'p99 ms': r.p99,
          'runs/s': r.perSecond,
        });
      }
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
              '--network',
              'none',
              '--read-only',
              '--memory',
              '256m',
              '--tmpfs',
              '/tmp:rw,exec,size=64m,mode=1777',
              '--cap-drop',
              'ALL',
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
      const d = await timeAll(Math.min(runs, 20), 1, dockerRun);
      rows.push({
        language,
        how: 'docker run --rm',
        runs: Math.min(runs, 20),
        'p50 ms': d.p50,
        'p99 ms': d.p99,
        'runs/s': d.perSecond,
      });
      const host = HOST[language];
      if (host) {
        writeFileSync(path.join(dir, entry), starter);
        const h = await timeAll(Math.min(runs, 20), 1, async () => {
          if (spawnSync('sh', ['-c', host(dir)], { stdio: 'ignore' }).status !== 0)
            throw new Error(`host ${language} failed`);
        });
        rows.push({
          language,
          how: 'on the host',
          runs: Math.min(runs, 20),
          'p50 ms': h.p50,
          'p99 ms': h.p99,
          'runs/s': h.perSecond,
        });
      }
    }
    // The engine's own ceiling: what one fresh container costs, with nothing run in it.
    const docker = new Docker();
    const config = loadConfig({ EXECUTOR_SECRET: SECRET, EXECUTOR_OWNER: 'bench-ceiling' });
    const ceiling = await timeAll(40, 4, async () => {
      const sandbox = await createSandbox(docker, config, 'python', imageTag('python'), 256);
      await sandbox.container.remove({ force: true });
    });
    rows.push({
      language: '(none)',
      how: 'engine: create+start+remove, c=4',
      runs: 40,
      'p50 ms': ceiling.p50,
      'p99 ms': ceiling.p99,
      'runs/s': ceiling.perSecond,
    });
  } finally {
    await executor.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\nTrivial program (each language's starter), end to end\n");
  console.log(table(rows));
  process.exit(0);
}

await main();
