/**
 * Libraries on request, end to end against real registries on loopback: verdaccio for
 * npm (packages published by the test with the npm CLI) and a PEP 503 index for pip
 * (wheels the test builds). The executor installs on the host into its cache and mounts
 * the set read-only into a fresh sandbox.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../testing/until';
import { buildApp } from '../src/app';
import { MAX_PACKAGES } from '../src/limits';
import { PACKAGES_FOREIGN_USE_MS, PackageCache } from '../src/packages/cache';
import { run, signedJob, testConfig } from './helper';
import { type NpmRegistry, startNpmRegistry } from './support/npmRegistry';
import { type PipIndex, startPipIndex } from './support/pipIndex';

const CAP_KB = 256;
let npm: NpmRegistry;
let pip: PipIndex;
let app: FastifyInstance;
const cacheDir = mkdtempSync(path.join(tmpdir(), 'codesync-packages-test-'));
/** Where a package's install script would leave its mark, were it run. */
const scriptMark = path.join(mkdtempSync(path.join(tmpdir(), 'codesync-script-mark-')), 'ran');

const packageSettings = () => ({
  EXECUTOR_POOL_SIZE: '0',
  EXECUTOR_NPM_REGISTRY: npm.url,
  EXECUTOR_PIP_INDEX_URL: pip.url,
  EXECUTOR_PACKAGES_DIR: cacheDir,
  EXECUTOR_PACKAGES_MAX_KB: String(CAP_KB),
});

beforeAll(async () => {
  [npm, pip] = await Promise.all([startNpmRegistry(), startPipIndex()]);
  await Promise.all([
    npm.publish('cs-hello', '1.0.0', 'module.exports = (who) => "hello " + who;\n'),
    npm.publish('cs-big', '1.0.0', `module.exports = ${JSON.stringify('x'.repeat(CAP_KB * 1024 * 2))};\n`),
    npm.publish('cs-script', '1.0.0', 'module.exports = 42;\n', {
      scripts: { preinstall: `touch ${scriptMark}`, postinstall: `touch ${scriptMark}` },
    }),
    pip.addWheel('cs-greet', '1.0.0', 'cs_greet', 'def hello(who):\n    return "hi " + who\n'),
    pip.addWheel('cs-twice', '2.0.0', 'cs_twice', 'def twice(x):\n    return 2 * x\n'),
    // Three sets of ~400 KB for the cache's cap (two fit in 1 MB, three do not).
    ...['a', 'b', 'c'].map((name) =>
      npm.publish(`cs-mid-${name}`, '1.0.0', `module.exports = ${JSON.stringify(name.repeat(400 * 1024))}.length;\n`),
    ),
  ]);
  app = await buildApp(testConfig(packageSettings()));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([npm?.close(), pip?.close()]);
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(path.dirname(scriptMark), { recursive: true, force: true });
});

const js = (content: string) => [{ path: 'main.js', content }];
const py = (content: string) => [{ path: 'main.py', content }];

describe('libraries on request', () => {
  it('[LIB2] an npm package from the registry is installed and require() finds it', async () => {
    const result = await run(app, {
      language: 'javascript',
      packages: ['cs-hello@1.0.0'],
      files: js("console.log(require('cs-hello')('npm'));\n"),
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'hello npm\n' });
  });

  it('[LIB2] a pip package (a wheel from the index) is installed and import finds it', async () => {
    const result = await run(app, {
      language: 'python',
      packages: ['cs-greet@1.0.0'],
      files: py('import cs_greet\nprint(cs_greet.hello("pip"))\n'),
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'hi pip\n' });
  });

  it('[LIB3] the next job asking for the same set reuses the cache: no second install', async () => {
    const job = {
      language: 'javascript',
      packages: ['cs-hello@1.0.0'],
      files: js("console.log(require('cs-hello')('again'));\n"),
    };
    await run(app, job);
    const installs = app.sandbox.packages.installs;
    expect(await run(app, job)).toMatchObject({ verdict: 'ok', stdout: 'hello again\n' });
    expect(app.sandbox.packages.installs).toBe(installs);
  });

  it('[LIB3] the same set asked for by two jobs at once, spelled apart, is installed once', async () => {
    const before = app.sandbox.packages.installs;
    const program = py('import cs_greet, cs_twice\nprint(cs_greet.hello(str(cs_twice.twice(21))))\n');
    const results = await Promise.all([
      run(app, { language: 'python', packages: ['cs-greet@1.0.0', 'cs-twice@2.0.0'], files: program }),
      run(app, { language: 'python', packages: ['CS_Twice@2.0.0', 'cs.greet@1.0.0'], files: program }),
    ]);
    for (const result of results) expect(result).toMatchObject({ verdict: 'ok', stdout: 'hi 42\n' });
    expect(app.sandbox.packages.installs).toBe(before + 1);
  });

  it('[LIB4] a package or version the registry does not have fails the run naming it', async () => {
    const missing = [
      { language: 'javascript', packages: ['cs-hello@1.0.0', 'cs-nope@1.0.0'], files: js('1;\n'), name: 'cs-nope' },
      { language: 'javascript', packages: ['cs-hello@9.9.9'], files: js('1;\n'), name: 'cs-hello' },
      { language: 'python', packages: ['cs-absent@1.0.0'], files: py('pass\n'), name: 'cs-absent' },
    ];
    for (const { name, ...job } of missing) {
      const result = await run(app, job);
      expect(result.verdict).toBe('compile_error');
      expect(result.compileOutput).toContain(`could not install ${name}`);
      expect(result.stdout).toBe('');
    }
  });

  it('[LIB5] malformed specs, too many, and languages without a registry are refused at the door', async () => {
    const refused = [
      ['javascript', ['git+https://example.com/x.git'], 'packages[0]'],
      ['javascript', ['lodash@^4.17.0'], 'exact-version'],
      ['javascript', ['../evil@1.0.0'], 'packages[0]'],
      ['javascript', ['file:/etc@1.0.0'], 'packages[0]'],
      ['javascript', ['cs-hello@1.0.0 --registry=http://127.0.0.1:1/'], 'packages[0]'],
      ['python', ['-e@1.0'], 'packages[0]'],
      ['python', ['cs-greet@1.0', 'CS_GREET@1.1'], 'named twice'],
      ['python', ['https://example.com/x.whl'], 'packages[0]'],
      ['c', ['zlib@1.0.0'], 'takes no packages'],
      ['python', Array.from({ length: MAX_PACKAGES + 1 }, (_, i) => `p${i}@1.0`), `at most ${MAX_PACKAGES}`],
    ] as const;
    for (const [language, packages, words] of refused) {
      const entry = language === 'c' ? 'main.c' : language === 'python' ? 'main.py' : 'main.js';
      const res = await signedJob(app, { language, packages, files: [{ path: entry, content: '' }] });
      expect(res.statusCode, JSON.stringify(packages)).toBe(400);
      expect(res.body).toContain('packages');
      expect(res.body).toContain(words);
    }
  });

  it('[LIB5] a set past the size cap is refused and not kept', async () => {
    const result = await run(app, { language: 'javascript', packages: ['cs-big@1.0.0'], files: js('1;\n') });
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toContain(`over the cap of ${CAP_KB} KB`);
    expect(existsSync(path.join(cacheDir, app.sandbox.packages.key('javascript', ['cs-big@1.0.0'])))).toBe(false);
  });

  it('[LIB5] an install past the time cap is stopped and refused', async () => {
    const slow = await buildApp(testConfig({ ...packageSettings(), EXECUTOR_PACKAGES_INSTALL_MS: '1' }));
    try {
      const result = await run(slow, {
        language: 'python',
        packages: ['cs-twice@2.0.0', 'cs-greet@1.1'],
        files: py('pass\n'),
      });
      expect(result.verdict).toBe('compile_error');
      expect(result.compileOutput).toContain('took longer than 1 ms');
    } finally {
      await slow.close();
    }
  });

  it('[LIB6] the sandbox cannot write the cache it is given', async () => {
    const result = await run(app, {
      language: 'python',
      packages: ['cs-greet@1.0.0'],
      files: py(
        [
          'import os, cs_greet',
          'for target in [cs_greet.__file__, os.path.dirname(cs_greet.__file__) + "/evil.py"]:',
          '    try:',
          '        open(target, "a").write("x = 1\\n")',
          '        print("wrote", target)',
          '    except OSError as error:',
          '        print("refused", error.errno)',
          '',
        ].join('\n'),
      ),
    });
    expect(result.verdict).toBe('ok');
    expect(result.stdout).not.toContain('wrote');
    expect(result.stdout.match(/refused/g)).toHaveLength(2);
    const dir = path.join(cacheDir, app.sandbox.packages.key('python', ['cs-greet@1.0.0']));
    expect(readFileSync(path.join(dir, 'cs_greet.py'), 'utf8')).toBe('def hello(who):\n    return "hi " + who\n');
    expect(existsSync(path.join(dir, 'evil.py'))).toBe(false);
  });

  it('[LIB7] a package’s install scripts never run, and it is installed all the same', async () => {
    const result = await run(app, {
      language: 'javascript',
      packages: ['cs-script@1.0.0'],
      files: js("console.log(require('cs-script'));\n"),
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: '42\n' });
    expect(existsSync(scriptMark)).toBe(false);
  });
});

describe('the whole cache keeps to its cap', () => {
  const mid = (name: string) => [`cs-mid-${name}@1.0.0`];
  /** A cache of 1 MB over a folder of its own: two ~400 KB sets fit, a third does not. */
  const smallCache = (dir: string) =>
    new PackageCache({ npmRegistry: npm.url, pipIndexUrl: pip.url, dir, maxKb: 512, installMs: 60_000, cacheKb: 1024 });
  const held = async (cache: PackageCache, name: string) => (await cache.lease('javascript', mid(name))).dir;
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codesync-packages-cap-'));
    folders.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('[LIB10] past the cap the least recently used set no job holds is removed, and asked for again it is installed again', async () => {
    const cache = smallCache(folder());
    const a = await cache.lease('javascript', mid('a'));
    a.release();
    const b = await cache.lease('javascript', mid('b'));
    b.release();
    // `a` used again after `b`: `b` is now the least recently used.
    (await cache.lease('javascript', mid('a'))).release();
    const c = await held(cache, 'c');
    expect(existsSync(b.dir)).toBe(false);
    expect(existsSync(a.dir) && existsSync(c)).toBe(true);
    expect(cache.evictions).toBe(1);
    const installs = cache.installs;
    const again = await cache.lease('javascript', mid('b'));
    expect(readFileSync(path.join(again.dir, 'node_modules/cs-mid-b/index.js'), 'utf8')).toContain('bbbb');
    expect(cache.installs).toBe(installs + 1);
  });

  it('[LIB10] a set a job holds is never removed: an unheld one goes instead, or the cap waits', async () => {
    const cache = smallCache(folder());
    const a = await cache.lease('javascript', mid('a')); // held, and the oldest
    const b = await cache.lease('javascript', mid('b'));
    b.release();
    await held(cache, 'c');
    expect(existsSync(a.dir)).toBe(true);
    expect(existsSync(b.dir)).toBe(false);
    a.release();
  });

  it('[LIB10] a set another executor on the host used lately is kept; one it used long ago may go', async () => {
    const dir = folder();
    const mine = smallCache(dir);
    const theirs = smallCache(dir);
    (await theirs.lease('javascript', mid('a'))).release();
    (await mine.lease('javascript', mid('b'))).release();
    const c = await held(mine, 'c');
    const a = path.join(dir, mine.key('javascript', mid('a')));
    expect(existsSync(a)).toBe(true); // theirs, just used: it may be mounted there
    expect(existsSync(path.join(dir, mine.key('javascript', mid('b'))))).toBe(false);
    // Their use long past: the next install may take it.
    const past = new Date(Date.now() - PACKAGES_FOREIGN_USE_MS - 60_000);
    utimesSync(a, past, past);
    await held(mine, 'b');
    expect(existsSync(a)).toBe(false);
    expect(existsSync(c)).toBe(true);
  });

  it('[LIB10] a run holds its set while it runs and lets it go when it ends', async () => {
    const key = app.sandbox.packages.key('javascript', ['cs-hello@1.0.0']);
    const running = run(app, {
      language: 'javascript',
      packages: ['cs-hello@1.0.0'],
      files: js("setTimeout(() => console.log(require('cs-hello')('held')), 1000);\n"),
    });
    await until(() => app.sandbox.packages.holders(key) === 1, 'the run to hold its set', 30_000);
    const result = await running;
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'hello held\n' });
    expect(existsSync(path.join(cacheDir, key))).toBe(true);
    expect(app.sandbox.packages.holders(key)).toBe(0);
  });
});
