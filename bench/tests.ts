/**
 * "Run tests" at the executor: a 10-case question per language as ONE test job (compiled
 * once, every case in one sandbox) beside the same 10 cases as 10 separate plain runs
 * (sent at once, as fast as the executor takes them) and beside one plain run of one
 * case, all in the same run. Wall time from POST to the last result, p50/p99.
 * The aim (issue 11): a test job ≤ 1.5× one plain run for interpreted languages, the
 * compile paid once.
 *
 *   npm run bench:tests                 (BENCH_LANGUAGES=python,c … BENCH_ROUNDS=10)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type JobResult, type JobTestCase, signedHeaders } from '../executor/src/api';
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from '../executor/src/languages';
import { ensureImages, startExecutor } from '../scripts/lib/executor.mjs';
import { freePort } from '../scripts/lib/processes.mjs';
import { allQuestions } from '../worker/src/questions/bank';
import { summarize, table } from './lib/stats';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POOL_SIZE = 2;
const CASES = 10;
// The question with a reference solution in every language.
const SLUG = 'maximum-subarray';
const languages = (process.env.BENCH_LANGUAGES?.split(',') ?? LANGUAGE_IDS) as LanguageId[];

/** Ten cases of the question (its own, repeated when it has fewer). */
function tenCases(): JobTestCase[] {
  const entry = allQuestions().find((q) => q.question.slug === SLUG);
  if (!entry) throw new Error(`no question ${SLUG}`);
  const own = entry.question.tests;
  return Array.from({ length: CASES }, (_, i) => {
    const c = own[i % own.length] as (typeof own)[number];
    return { id: `case-${i}`, stdin: c.stdin, expected: c.expected, compare: c.compare };
  });
}

async function main() {
  await ensureImages(languages);
  const port = await freePort();
  const executor = await startExecutor({
    port,
    secret: SECRET,
    env: { EXECUTOR_POOL_SIZE: String(POOL_SIZE), EXECUTOR_CONCURRENCY: '2', EXECUTOR_OWNER: 'helper-exectests' },
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (job: object): Promise<JobResult> => {
    const body = JSON.stringify(job);
    const headers = await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs?wait=true', body });
    const res = await fetch(`${base}/v1/jobs?wait=true`, { method: 'POST', headers, body });
    if (res.status !== 200) throw new Error(`job refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as JobResult;
  };
  // Each measurement starts as a click would: with the pool refilled since the last one.
  const poolFull = async (language: LanguageId) => {
    for (;;) {
      const health = (await (await fetch(`${base}/health`)).json()) as { pool: { ready: Record<string, number> } };
      if ((health.pool.ready[language] ?? 0) >= POOL_SIZE) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const cases = tenCases();
  const rows: Record<string, string | number>[] = [];
  try {
    for (const language of languages) {
      const { entry } = LANGUAGES[language];
      const solution = readFileSync(path.join(import.meta.dirname, '../questions', SLUG, 'solution', entry), 'utf8');
      const files = [{ path: entry, content: solution }];
      const testJob = async () => {
        const result = await post({ language, files, tests: cases });
        const failed = result.tests?.filter((t) => t.verdict !== 'passed') ?? [];
        if (result.verdict !== 'ok' || failed.length) throw new Error(`${language}: ${JSON.stringify(result)}`);
      };
      const plainRun = async (stdin: string) => {
        const result = await post({ language, files, stdin });
        if (result.verdict !== 'ok') throw new Error(`${language}: ${JSON.stringify(result)}`);
      };
      const ways = {
        'one test job (10 cases)': testJob,
        '10 plain runs at once': () => Promise.all(cases.map((c) => plainRun(c.stdin))).then(() => undefined),
        '1 plain run (1 case)': () => plainRun(cases[0]?.stdin ?? ''),
      };
      await testJob(); // warm: images in the page cache
      const samples: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
      // Interleaved, so that a busy moment of the machine hits every way alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const [how, once] of Object.entries(ways)) {
          await poolFull(language);
          const t = performance.now();
          await once();
          samples[how]?.push(performance.now() - t);
        }
      }
      const onePlain = summarize(samples['1 plain run (1 case)'] ?? []).p50;
      for (const [how, s] of Object.entries(samples)) {
        const { n, p50, p99 } = summarize(s);
        rows.push({ language, how, n, 'p50 ms': p50, 'p99 ms': p99, '× 1 plain run (p50)': p50 / onePlain });
      }
      console.error(`${language} done`);
    }
  } finally {
    await executor.stop();
  }
  console.log(`${SLUG}, ${CASES} cases, executor with 2 sandboxes at once, pool of ${POOL_SIZE}:\n`);
  console.log(table(rows));
}

await main();
