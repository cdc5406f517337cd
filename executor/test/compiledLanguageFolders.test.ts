/**
 * The folders of SPEC § 38 (LANGB1), without Docker: each language is in the table with a
 * precise version, a starter, a smoke program and a program its compiler rejects, and its
 * image comes from Debian packages only. languages.test.ts runs them in the sandbox.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type LanguageId } from '../src/languages';
import { LANGUAGES_DIR } from '../src/sandbox/imageTags.mjs';

const COMPILED: LanguageId[] = ['kotlin', 'csharp', 'haskell', 'scala', 'ocaml', 'elixir'];

describe.each(COMPILED)('%s', (id) => {
  const dir = path.join(LANGUAGES_DIR, id);

  it('[LANGB1] is in the table with a precise version and a starter that says hello', () => {
    const language = LANGUAGES[id];
    expect(language.version).toMatch(/\d+\.\d+\.\d+/);
    expect(language.starter).toContain('Hello, CodeSync!');
    expect(language.analyzer.output).toBe('gnu');
  });

  it('[LANGB1] has a smoke program and a program its compiler rejects', () => {
    expect(readdirSync(path.join(dir, 'smoke'))).toContain(LANGUAGES[id].entry);
    const rejected = path.join(dir, 'smoke', 'compile-error');
    expect(existsSync(rejected) && readdirSync(rejected)).toContain(LANGUAGES[id].entry);
  });

  it('[LANGB1] its image installs Debian packages only, without recommends', () => {
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('apt-get install -y --no-install-recommends');
    expect(dockerfile).not.toMatch(/\b(curl|wget|ADD https?:)/);
    const script = readFileSync(path.join(dir, 'lang.sh'), 'utf8');
    expect(script).toMatch(/compile\)[^\n]*\/tmp\/build/);
  });
});
