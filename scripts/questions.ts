/**
 * Bundles the question bank (questions/) into worker/src/questions/bank.generated.json,
 * because the worker runs in workerd with no filesystem. A plain generated module works
 * the same under wrangler's esbuild, vitest-pool-workers, Vite and tsx, with no loader
 * rules to keep in step.
 *
 *   npx tsx scripts/questions.ts           write the bundle
 *   npx tsx scripts/questions.ts --check   exit 1 if the bundle is stale
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_FILE, renderBank } from '../worker/src/questions/render';

const ROOT = path.join(import.meta.dirname, '..');
const QUESTIONS = path.join(ROOT, 'questions');
const BUNDLE = path.join(ROOT, 'worker/src/questions/bank.generated.json');

/** Every file under questions/ that the bundle holds, keyed by its path relative to questions/. */
function bundledFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const relative = path.relative(QUESTIONS, full).split(path.sep).join('/');
        if (BUNDLED_FILE.test(relative)) files[relative] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(QUESTIONS);
  return files;
}

const text = renderBank(bundledFiles());
const current = (() => {
  try {
    return readFileSync(BUNDLE, 'utf8');
  } catch {
    return null; // no bundle yet: --check reports it stale, a write creates it
  }
})();

if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`${path.relative(ROOT, BUNDLE)} is stale: run \`npx tsx scripts/questions.ts\``);
    process.exit(1);
  }
  console.log(`${path.relative(ROOT, BUNDLE)} is up to date`);
} else if (current === text) {
  console.log(`${path.relative(ROOT, BUNDLE)} is up to date`);
} else {
  writeFileSync(BUNDLE, text);
  console.log(`wrote ${path.relative(ROOT, BUNDLE)} (${Buffer.byteLength(text)} bytes)`);
}
