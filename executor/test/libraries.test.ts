/**
 * The libraries each image carries (language.json `libraries`, "name version"): a
 * program imports every one listed and prints the version it found, so a list that
 * names a library the image lacks, or the wrong version, fails here.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS, LANGUAGES } from '../src/languages';
import { run, useApp } from './helper';

// pandas imports ~700 modules: on a busy shared machine that passes the default 5 s.
const app = useApp({ EXECUTOR_POOL_SIZE: '0', EXECUTOR_MAX_TIME_MS: '60000' });

/** A program that prints "name version" for each library, per language that lists any. */
const IMPORTS: Record<string, (names: string[]) => { path: string; content: string }> = {
  python: (names) => ({
    path: 'main.py',
    content: `import importlib\nfor name in ${JSON.stringify(names)}:\n    print(name, importlib.import_module(name).__version__)\n`,
  }),
  javascript: (names) => ({
    path: 'main.js',
    content: `for (const name of ${JSON.stringify(names)}) console.log(name, require(name + '/package.json').version);\n`,
  }),
  typescript: (names) => ({
    path: 'main.ts',
    content: `for (const name of ${JSON.stringify(names)}) console.log(name, require(name + '/package.json').version);\n`,
  }),
};

/** The languages whose images carry importable libraries (each entry "name version"). */
const withLibraries = LANGUAGE_IDS.filter((id) => id in IMPORTS && LANGUAGES[id].libraries.length > 0);

describe('preinstalled libraries', () => {
  it('[LIB1] python and javascript list libraries', () => {
    expect(withLibraries).toEqual(expect.arrayContaining(['python', 'javascript']));
  });

  it.each(withLibraries)('[LIB1] %s imports every library it lists, at the listed version', async (id) => {
    const libraries = LANGUAGES[id].libraries;
    const program = IMPORTS[id];
    if (!program) throw new Error(`no import program for ${id}`);
    for (const entry of libraries) expect(entry).toMatch(/^\S+ \d\S*$/);
    const names = libraries.map((entry) => entry.split(' ')[0] as string);
    const result = await run(app(), { language: id, files: [program(names)], limits: { timeMs: 60_000 } });
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ verdict: 'ok', stdout: `${libraries.join('\n')}\n` });
  });

  it('[LIB1] GET /v1/languages lists each language’s libraries with versions', async () => {
    const { languages } = (await app().inject({ method: 'GET', url: '/v1/languages' })).json();
    for (const { id, libraries } of languages as { id: keyof typeof LANGUAGES; libraries: string[] }[]) {
      expect(libraries).toEqual(LANGUAGES[id].libraries);
    }
    expect(languages.find((l: { id: string }) => l.id === 'python').libraries).toContain('sortedcontainers 2.4.0');
  });
});
