/**
 * Only the registry (npm) or the index (pip) supplies a set: a package there whose own
 * dependency is a git repo, a path or a URL on the executor host's side must be refused
 * before anything is fetched, so the host's files never reach the sandbox and its network
 * is never asked (a security review reproduced both, /tmp/h2). Everything stays on
 * loopback: verdaccio and a PEP 503 index (support/), a listener owned by this file that
 * must hear nothing, a throwaway git repo and folder holding a marker that must never
 * appear in an install folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { type InstallSettings, installSet, PackageError } from '../src/packages/install';
import { checkNpmSources, checkNpmTree, registrySpec, versionsFor } from '../src/packages/sources';
import { run, testConfig } from './helper';
import { type NpmRegistry, startNpmRegistry } from './support/npmRegistry';
import { buildWheel, type PipIndex, startPipIndex } from './support/pipIndex';

const root = mkdtempSync(path.join(tmpdir(), 'codesync-package-sources-'));
const MARKER = `host-secret-${Math.random().toString(36).slice(2)}`;
/** A git repo on the "host", as `git+file://` would name it. */
const hostRepo = path.join(root, 'host-repo');
/** A folder on the "host", as `file:` would name it. */
const hostDir = path.join(root, 'host-dir');
/** A wheel on the "host", as a pip direct reference `x @ file://` would name it. */
const hostWheel = path.join(root, 'host-wheels', 'hostsecret-1.0.0-py3-none-any.whl');

let npm: NpmRegistry;
let pip: PipIndex;
let listener: Server;
/** Every request the listener heard (an internal address the host must never be made to reach). */
const heard: string[] = [];
let listenerUrl: string;
let app: FastifyInstance;

const settings = (): InstallSettings => ({
  npmRegistry: npm.url,
  pipIndexUrl: pip.url,
  maxKb: 64 * 1024,
  installMs: 60_000,
});

function makeHostRepo() {
  mkdirSync(hostRepo, { recursive: true });
  writeFileSync(path.join(hostRepo, 'package.json'), JSON.stringify({ name: 'hostrepo', version: '0.0.0' }));
  writeFileSync(path.join(hostRepo, 'secret.txt'), MARKER);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-C', hostRepo, ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'host');
  mkdirSync(hostDir, { recursive: true });
  writeFileSync(path.join(hostDir, 'package.json'), JSON.stringify({ name: 'hostdir', version: '0.0.0' }));
  writeFileSync(path.join(hostDir, 'secret.txt'), MARKER);
}

beforeAll(async () => {
  makeHostRepo();
  listener = createServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  [npm, pip] = await Promise.all([startNpmRegistry(), startPipIndex()]);
  mkdirSync(path.dirname(hostWheel), { recursive: true });
  const mod = 'x = 1\n';
  // Sequential publishes where one package has two versions: the later one is "latest".
  await Promise.all([
    npm.publish('cs-src-git', '1.0.0', mod, { dependencies: { hostrepo: `git+file://${hostRepo}` } }),
    npm.publish('cs-src-file', '1.0.0', mod, { dependencies: { hostdir: `file:${hostDir}` } }),
    npm.publish('cs-src-http', '1.0.0', mod, { dependencies: { canary: `${listenerUrl}/x.tgz` } }),
    npm.publish('cs-src-peer', '1.0.0', mod, { peerDependencies: { hostrepo: `git+file://${hostRepo}` } }),
    npm.publish('cs-src-optional', '1.0.0', mod, { optionalDependencies: { hostrepo: `git+file://${hostRepo}` } }),
    npm.publish('cs-src-deep', '1.0.0', mod, { dependencies: { 'cs-src-mid': '^1.0.0' } }),
    npm.publish('cs-src-ok', '1.0.0', 'module.exports = require("cs-src-leaf") + require("leaf-alias");\n', {
      dependencies: { 'cs-src-leaf': '^1.0.0', 'leaf-alias': 'npm:cs-src-leaf@~1.0.0' },
    }),
    (async () => {
      await npm.publish('cs-src-mid', '1.0.0', mod);
      // Not the highest of ^1.0.0 but one npm may still pick (deprecated, engines, a tag): checked too.
      await npm.publish('cs-src-mid', '1.1.0', mod, { dependencies: { canary: `${listenerUrl}/mid.tgz` } });
      await npm.publish('cs-src-mid', '1.2.0', mod);
    })(),
    (async () => {
      await npm.publish('cs-src-leaf', '1.0.0', 'module.exports = "a";\n');
      await npm.publish('cs-src-leaf', '1.0.1', 'module.exports = "b";\n');
    })(),
    buildWheel(hostWheel, 'hostsecret', '1.0.0', 'hostsecret', `SECRET = "${MARKER}"\n`),
    pip.addWheel('cs-src-pyfile', '1.0.0', 'cs_src_pyfile', mod, [`hostsecret @ file://${hostWheel}`]),
    pip.addWheel('cs-src-pyhttp', '1.0.0', 'cs_src_pyhttp', mod, [
      `canary @ ${listenerUrl}/canary-1.0.0-py3-none-any.whl`,
    ]),
    pip.addWheel('cs-src-pydeep', '1.0.0', 'cs_src_pydeep', mod, ['cs-src-pymid>=1']),
    pip.addWheel('cs-src-pymid', '1.0.0', 'cs_src_pymid', mod, [
      `hostsecret @ file://${hostWheel} ; python_version < "3"`,
    ]),
    pip.addWheel('cs-src-pyok', '1.0.0', 'cs_src_pyok', 'from cs_src_pyleaf import LEAF\n', [
      'cs-src-pyleaf>=1.0,<2',
      'cs-src-pynowhere ; python_version < "3"',
    ]),
    pip.addWheel('cs-src-pyleaf', '1.0.0', 'cs_src_pyleaf', 'LEAF = "1.0"\n'),
    pip.addWheel('cs-src-pyleaf', '1.5.0', 'cs_src_pyleaf', 'LEAF = "1.5"\n'),
    pip.addWheel('cs-src-pyleaf', '2.0.0', 'cs_src_pyleaf', 'LEAF = "2.0"\n'),
  ]);
  app = await buildApp(
    testConfig({
      EXECUTOR_POOL_SIZE: '0',
      EXECUTOR_NPM_REGISTRY: npm.url,
      EXECUTOR_PIP_INDEX_URL: pip.url,
      EXECUTOR_PACKAGES_DIR: path.join(root, 'cache'),
    }),
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([npm?.close(), pip?.close()]);
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  rmSync(root, { recursive: true, force: true });
});

/** Installs `specs` into a fresh folder; the folder and what the install threw (null: none). */
async function install(language: 'javascript' | 'python', specs: string[]) {
  const dir = mkdtempSync(path.join(root, 'set-'));
  const [into, scratch] = [path.join(dir, 'set'), path.join(dir, 'scratch')];
  mkdirSync(into);
  const error = await installSet(language, specs, into, scratch, settings()).then(
    () => null,
    (thrown: unknown) => thrown as Error,
  );
  return { into, error };
}

/** Whether the marker is in any file under `dir`, symlinks followed (as the sandbox would). */
function holdsMarker(dir: string, depth = 0): boolean {
  if (depth > 30) return false;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory() && holdsMarker(full, depth + 1)) return true;
    if (stat?.isFile() && readFileSync(full, 'utf8').includes(MARKER)) return true;
  }
  return false;
}

/** Installing `spec` is refused naming `words`; nothing reached the set or the listener. */
async function expectRefused(language: 'javascript' | 'python', spec: string, words: string, source: string) {
  const { into, error } = await install(language, [spec]);
  expect(error).toBeInstanceOf(PackageError);
  expect(error?.message).toContain(words);
  expect(error?.message).toContain(`CodeSync installs only packages from ${source}`);
  expect(holdsMarker(into)).toBe(false);
  expect(readdirSync(into)).toEqual([]);
  expect(heard).toEqual([]);
}

describe('npm: only the registry supplies a set', () => {
  const refused = [
    ['a git+file:// repo on the host', 'cs-src-git@1.0.0', `depends on hostrepo from git+file://${hostRepo}`],
    ['a file: folder on the host', 'cs-src-file@1.0.0', `depends on hostdir from file:${hostDir}`],
    ['an http:// URL (SSRF)', 'cs-src-http@1.0.0', 'depends on canary from http://127.0.0.1:'],
    ['a git peer dependency', 'cs-src-peer@1.0.0', 'depends on hostrepo from git+file://'],
    ['an optional git+file:// repo', 'cs-src-optional@1.0.0', 'depends on hostrepo from git+file://'],
    ['one a range reaches, deeper down', 'cs-src-deep@1.0.0', 'cs-src-deep@1.0.0 > cs-src-mid@1.1.0 depends on canary'],
  ] as const;

  it.each(refused)('[LIB11] a dependency on %s refuses the set, naming it; nothing is fetched', (_, spec, words) =>
    expectRefused('javascript', spec, words, 'the registry'),
  );

  it('[LIB11] a package whose dependencies are registry ranges, tags and aliases installs', async () => {
    const { into, error } = await install('javascript', ['cs-src-ok@1.0.0']);
    expect(error).toBeNull();
    const version = (pkg: string) =>
      JSON.parse(readFileSync(path.join(into, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    expect(version('cs-src-leaf')).toBe('1.0.1');
    expect(version('leaf-alias')).toBe('1.0.1');
    expect(heard).toEqual([]);
  });

  it('[LIB11] a run asking for such a set ends as compile_error naming the dependency', async () => {
    const result = await run(app, {
      language: 'javascript',
      packages: ['cs-src-git@1.0.0'],
      files: [{ path: 'main.js', content: 'console.log(1);\n' }],
    });
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toContain(`cs-src-git@1.0.0 depends on hostrepo from git+file://${hostRepo}`);
    expect(result.stdout).toBe('');
  });

  it('[LIB11] after installing, a set npm resolved from anywhere but the registry is refused and emptied', () => {
    // What the review's install left (npm's own record of it), checked on its own.
    const into = mkdtempSync(path.join(root, 'installed-'));
    const modules = path.join(into, 'node_modules');
    mkdirSync(path.join(modules, 'hostrepo'), { recursive: true });
    const lock = (packages: object) =>
      writeFileSync(path.join(modules, '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
    const fromRegistry = { resolved: `${npm.url}cs-src-ok/-/cs-src-ok-1.0.0.tgz` };
    lock({ 'node_modules/hostrepo': { resolved: `git+file://${hostRepo}#0123` } });
    expect(() => checkNpmTree(into, npm.url)).toThrow(`hostrepo came from git+file://${hostRepo}`);
    lock({ 'node_modules/hostrepo': { resolved: `${listenerUrl}/x.tgz` } });
    expect(() => checkNpmTree(into, npm.url)).toThrow('hostrepo came from http://127.0.0.1:');
    lock({ '../../etc': {}, 'node_modules/hostrepo': { resolved: '../../etc', link: true } });
    expect(() => checkNpmTree(into, npm.url)).toThrow('outside the set');
    lock({ 'node_modules/other': fromRegistry });
    expect(() => checkNpmTree(into, npm.url)).toThrow('node_modules/hostrepo is not in npm');
    // Another registry on the same host is another registry: the port counts.
    lock({ 'node_modules/hostrepo': { resolved: `${listenerUrl}/cs-src-ok/-/cs-src-ok-1.0.0.tgz` } });
    expect(() => checkNpmTree(into, npm.url)).toThrow('CodeSync installs only packages from the registry');
    lock({ 'node_modules/hostrepo': fromRegistry });
    expect(() => checkNpmTree(into, npm.url)).not.toThrow();
  });
});

/**
 * A loopback proxy in front of the registry that runs `hook` once, before forwarding the
 * first request npm itself makes (its user-agent names npm; the walk's fetch does not):
 * the moment between the walk and the install, as a publish would land in it.
 */
async function proxyRegistry(hook: () => Promise<void>): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(npm.url);
  let hooked: Promise<void> | null = null;
  const server = createServer((req, res) => {
    const forward = () => {
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (String(req.headers['user-agent']).startsWith('npm/')) {
      hooked ??= hook();
      hooked.then(forward, () => res.destroy());
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('npm: what npm installs is what the walk checked', () => {
  it('[LIB11] a version published between the walk and npm is not installed, and nothing it names is fetched', async () => {
    await npm.publish('cs-race', '1.0.0', 'module.exports = "old";\n');
    await npm.publish('cs-race-top', '1.0.0', 'module.exports = require("cs-race");\n', {
      dependencies: { 'cs-race': '^1.0.0' },
    });
    const proxy = await proxyRegistry(() =>
      npm.publish('cs-race', '1.1.0', 'module.exports = "new";\n', {
        dependencies: { canary: `${listenerUrl}/race.tgz` },
      }),
    );
    try {
      const dir = mkdtempSync(path.join(root, 'race-'));
      const [into, scratch] = [path.join(dir, 'set'), path.join(dir, 'scratch')];
      mkdirSync(into);
      const error = await installSet('javascript', ['cs-race-top@1.0.0'], into, scratch, {
        ...settings(),
        npmRegistry: proxy.url,
      }).then(
        () => null,
        (thrown: unknown) => thrown as Error,
      );
      expect(heard.filter((line) => line.includes('race'))).toEqual([]);
      expect(error).toBeNull();
      const installed = JSON.parse(readFileSync(path.join(into, 'node_modules/cs-race/package.json'), 'utf8'));
      expect(installed.version).toBe('1.0.0');
    } finally {
      await proxy.close();
    }
  });
});

describe('npm: what npm installs is what the walk checked (times)', () => {
  it('[LIB11] a version the registry gives no publish time for is refused: --before would not hold it back', async () => {
    const doc = {
      name: 'cs-notime',
      'dist-tags': { latest: '1.0.0' },
      versions: { '1.0.0': { name: 'cs-notime', version: '1.0.0' } },
    };
    const bare = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc)),
    );
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
      await expect(checkNpmSources(['cs-notime@1.0.0'], url, Date.now() + 10_000)).rejects.toThrow(
        'packages: the registry gives no publish time for cs-notime@1.0.0',
      );
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});

describe('npm: the walk reads specs and ranges', () => {
  it('[LIB11] registry ranges, tags and aliases are registry specs; git, paths, URLs and workspaces are not', () => {
    for (const spec of ['^1.2.3', '~1.2', '1.x', '>=1.0.0 <2', '1.0.0 - 2.0.0', '*', '', 'latest', 'next', '1 || 2']) {
      expect(registrySpec('x', spec), spec).not.toBeNull();
    }
    expect(registrySpec('x', 'npm:@s/y@^2')).toEqual({ name: '@s/y', range: '^2' });
    for (const spec of [
      'git+file:///tmp/r',
      'git://github.com/a/b',
      'github:a/b',
      'a/b',
      'file:../x',
      './x',
      '/abs',
      '~/x',
      'link:../x',
      'http://127.0.0.1:1/x.tgz',
      'https://example.invalid/x.tgz',
      'workspace:*',
      'npm:y@git+file:///tmp/r',
      'npm:y@npm:z@1',
      // npm-package-arg reads these as a folder (a leading '.') or a tarball file (the name's end).
      '.',
      '..',
      '...',
      '.x',
      'x.tgz',
      'x.tar',
      'x.tar.gz',
      'X.TGZ',
      'npm:y@x.tgz',
      'npm:y@..',
    ]) {
      expect(registrySpec('x', spec), spec).toBeNull();
    }
  });

  it('[LIB11] every version a range may pick is checked, and an unread range checks all', () => {
    const doc = {
      'dist-tags': { latest: '1.0.0', beta: '2.0.0-beta.1' },
      versions: Object.fromEntries(
        ['0.9.0', '1.0.0', '1.1.0', '1.2.0-rc.1', '1.2.0', '2.0.0-beta.1', '2.0.0'].map((v) => [v, {}]),
      ),
    };
    expect(versionsFor(doc, '^1.0.0')).toEqual(['1.0.0', '1.1.0', '1.2.0-rc.1', '1.2.0']);
    expect(versionsFor(doc, '~1.1')).toEqual(['1.1.0']);
    expect(versionsFor(doc, 'beta')).toEqual(['2.0.0-beta.1']);
    expect(versionsFor(doc, '<1.0.0 || >=2')).toEqual(['0.9.0', '2.0.0-beta.1', '2.0.0']);
    expect(versionsFor(doc, '1.0.0 - 1.1')).toEqual(['1.0.0', '1.1.0']);
    expect(versionsFor(doc, '>= 1.0.0 < 1.2.0')).toEqual(['1.0.0', '1.1.0', '1.2.0-rc.1']);
    expect(versionsFor(doc, 'not a range ((')).toHaveLength(7);
  });
});

describe('pip: only the index supplies a set', () => {
  const refused = [
    ['a file:// wheel on the host', 'cs-src-pyfile@1.0.0', `depends on hostsecret from file://${hostWheel}`],
    ['an http:// URL (SSRF)', 'cs-src-pyhttp@1.0.0', 'depends on canary from http://127.0.0.1:'],
    ['one deeper down, whatever its marker', 'cs-src-pydeep@1.0.0', 'cs-src-pydeep@1.0.0 > cs-src-pymid@1.0.0'],
  ] as const;

  it.each(refused)(
    '[LIB11] a direct reference to %s refuses the set, naming it; nothing is fetched',
    (_, spec, words) => expectRefused('python', spec, words, 'the index'),
  );

  it('[LIB11] a wheel whose dependencies are index requirements installs, markers and ranges as pip reads them', async () => {
    const { into, error } = await install('python', ['cs-src-pyok@1.0.0']);
    expect(error).toBeNull();
    expect(readFileSync(path.join(into, 'cs_src_pyleaf.py'), 'utf8')).toBe('LEAF = "1.5"\n');
    expect(readdirSync(into).filter((name) => name.endsWith('.dist-info'))).toEqual([
      'cs_src_pyleaf-1.5.0.dist-info',
      'cs_src_pyok-1.0.0.dist-info',
    ]);
    expect(heard).toEqual([]);
  });

  it('[LIB11] a run asking for such a set ends as compile_error naming the dependency', async () => {
    const result = await run(app, {
      language: 'python',
      packages: ['cs-src-pyhttp@1.0.0'],
      files: [{ path: 'main.py', content: 'print(1)\n' }],
    });
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toContain('cs-src-pyhttp@1.0.0 depends on canary from http://127.0.0.1:');
    expect(heard).toEqual([]);
  });
});
