/**
 * A one-file Kotlin and Scala compile in a fresh sandbox container, the way lang.sh does it
 * (the compiler straight on the JVM, C1 only, serial GC, the image's class-data archive),
 * beside the Debian wrapper script (kotlinc / scalac, the baseline) and beside lang.sh's
 * command without the archive, in one run. Each sample is `docker run --rm` of the
 * language's image with no network, so it includes container start (~0.5 s here).
 *
 *   npm run bench:jvm-compile            (BENCH_RUNS=5 by default)
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { LANGUAGES } from '../executor/src/languages';
import { imageTag } from '../executor/src/sandbox/imageTags.mjs';
import { ensureImages } from '../scripts/lib/executor.mjs';
import { summarize, table } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MEMORY_MB = 256;

/** Shell commands that compile /tmp/box/<entry> inside the image, by variant. */
const VARIANTS: Record<'kotlin' | 'scala', Record<string, string>> = {
  kotlin: {
    'kotlinc script (baseline)': 'kotlinc -d /tmp/build Main.kt',
    'direct, no archive':
      "sed 's/-XX:SharedArchiveFile=[^ ]* -Xshare:auto/-Xshare:auto/' /opt/codesync/lang.sh > /tmp/l.sh && sh /tmp/l.sh compile",
    'lang.sh (direct + archive)': '/opt/codesync/lang.sh compile',
  },
  scala: {
    'scalac script (baseline)': 'scalac -d /tmp/build Main.scala',
    'direct, no archive':
      "sed 's/-XX:SharedArchiveFile=[^ ]* -Xshare:auto/-Xshare:auto/' /opt/codesync/lang.sh > /tmp/l.sh && sh /tmp/l.sh compile",
    'lang.sh (direct + archive)': '/opt/codesync/lang.sh compile',
  },
};

function compileOnce(language: 'kotlin' | 'scala', command: string): number {
  const { entry, starter } = LANGUAGES[language];
  const script = `mkdir -p /tmp/box /tmp/build && cd /tmp/box && cat > ${entry} && ${command}`;
  const started = performance.now();
  const result = spawnSync(
    'docker',
    [
      'run',
      '--rm',
      '-i',
      '--network',
      'none',
      '-e',
      `MEMORY_MB=${MEMORY_MB}`,
      '--memory',
      `${MEMORY_MB}m`,
      imageTag(language),
      'sh',
      '-c',
      script,
    ],
    { input: starter, encoding: 'utf8' },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${language} "${command}" failed: ${result.stderr.slice(0, 400)}`);
  return ms;
}

function main() {
  ensureImages(['kotlin', 'scala']);
  const rows: Record<string, string | number>[] = [];
  for (const language of ['kotlin', 'scala'] as const) {
    for (const [variant, command] of Object.entries(VARIANTS[language])) {
      const samples = Array.from({ length: RUNS }, () => compileOnce(language, command));
      const { n, p50, p99 } = summarize(samples);
      rows.push({ language, variant, n, 'p50 ms': Math.round(p50), 'p99 ms': Math.round(p99) });
    }
  }
  console.log(table(rows));
}

main();
