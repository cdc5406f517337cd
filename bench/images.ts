/**
 * Cold builds of the language images (docker build --no-cache: every package downloaded
 * and unpacked again) on the base that is there, BUILD_CONCURRENCY at a time as
 * `npm run images` does, beside the same builds one at a time (the old builder) in the
 * same run. Throwaway tags (codesync-bench-<id>:cold), removed after each pass.
 *
 *   npm run bench:images                (BENCH_LANGUAGES=ruby,php … to narrow it;
 *                                        BENCH_SERIAL=0 skips the one-at-a-time pass)
 */
import { spawnSync } from 'node:child_process';
import { BUILD_CONCURRENCY, buildImages, buildLanguage } from '../executor/scripts/images.mjs';
import { inParallel } from '../executor/scripts/limited.mjs';
import { LANGUAGE_IDS, type LanguageId } from '../executor/src/languages';
import { summarize, table } from './lib/stats';

const languages = (process.env.BENCH_LANGUAGES?.split(',') ?? LANGUAGE_IDS) as LanguageId[];
const serialToo = process.env.BENCH_SERIAL !== '0';
const tagOf = (id: string) => `codesync-bench-${id}:cold`;

async function pass(concurrency: number) {
  const seconds: number[] = [];
  const started = performance.now();
  const failures = await inParallel(languages, concurrency, async (id) => {
    seconds.push(await buildLanguage(tagOf(id), id, ['--no-cache']));
  });
  const wall = (performance.now() - started) / 1000;
  spawnSync('docker', ['rmi', ...languages.map(tagOf)], { stdio: 'ignore' });
  if (failures.length > 0) throw new Error(failures.map((f) => f.error.message).join('\n\n'));
  const each = summarize(seconds);
  return { concurrency, images: languages.length, wallS: wall, p50ImageS: each.p50, p99ImageS: each.p99 };
}

async function main() {
  await buildImages([]); // the root filesystem and the base, built once and not measured
  console.log(`Cold builds of ${languages.join(', ')}`);
  const rows = [];
  if (serialToo) rows.push(await pass(1));
  rows.push(await pass(BUILD_CONCURRENCY));
  console.log(table(rows));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
