/**
 * Installs as pipelines do: `npm ci` takes the lock file as it is, and refuses one that
 * is out of step with package.json. A lock that lacked other platforms' optional packages
 * (@biomejs/cli-*) once made `npm ci` fail on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');
const WORKSPACES: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).workspaces;

/** `npm ci --dry-run`: checks the lock against every package.json, installs nothing. */
function dryRunCi(dir: string) {
  return spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
}

/** The root's package.json, its workspaces' and the lock file, in a directory of their own. */
function copyManifests(lock: (parsed: { packages: Record<string, unknown> }) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-ci-'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const workspace of WORKSPACES) {
    mkdirSync(path.join(dir, workspace));
    copyFileSync(path.join(ROOT, workspace, 'package.json'), path.join(dir, workspace, 'package.json'));
  }
  const parsed = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  lock(parsed);
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(parsed, null, 2));
  return dir;
}

describe('installing with npm ci', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('[DEP9] npm ci accepts the lock file: every platform of an optional package is in it', () => {
    const dir = copyManifests(() => {});
    made.push(dir);
    const result = dryRunCi(dir);
    expect(result.stderr).not.toContain('Missing:');
    expect(result.status).toBe(0);
  });

  it('[DEP9] the check can fail: a lock without one platform of @biomejs/cli is refused, naming it', () => {
    const dir = copyManifests((parsed) => {
      const entry = Object.keys(parsed.packages).find((key) => key.startsWith('node_modules/@biomejs/cli-darwin'));
      expect(entry).toBeDefined();
      delete parsed.packages[entry as string];
    });
    made.push(dir);
    const result = dryRunCi(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Missing: @biomejs\/cli-darwin/);
  });

  it('[DEP9] a checkout that has node_modules keeps it when the lock changed and the registry cannot be reached', () => {
    // A project of one package, installed; then a pull (or a branch switch) makes the lock
    // file newer than node_modules, and the developer runs `npm run dev` offline.
    const dir = mkdtempSync(path.join(tmpdir(), 'codesync-offline-'));
    made.push(dir);
    mkdirSync(path.join(dir, 'scripts/lib'), { recursive: true });
    for (const file of ['deps.mjs', 'processes.mjs']) {
      copyFileSync(path.join(ROOT, 'scripts/lib', file), path.join(dir, 'scripts/lib', file));
    }
    const leftPad = {
      version: '1.3.0',
      resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
      integrity: 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEwXHHd1kh7ghHbE0AAmz/6JE9mOa1A0Ip2FU5vdPENfl+zA==',
      license: 'WTFPL',
    };
    const manifest = { name: 'offline-dev', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, private: true }));
    const lock = { name: 'offline-dev', version: '1.0.0', lockfileVersion: 3, requires: true };
    const lockText = JSON.stringify({ ...lock, packages: { '': manifest, 'node_modules/left-pad': leftPad } }, null, 2);
    writeFileSync(path.join(dir, 'package-lock.json'), lockText);
    const installed = path.join(dir, 'node_modules/left-pad');
    mkdirSync(installed, { recursive: true });
    writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: 'left-pad', ...leftPad }));
    writeFileSync(path.join(installed, 'index.js'), 'module.exports = (s) => s;\n');
    const marker = path.join(dir, 'node_modules/.package-lock.json');
    writeFileSync(marker, JSON.stringify({ ...lock, packages: { 'node_modules/left-pad': leftPad } }, null, 2));
    const installedAt = new Date('2020-01-01T00:00:00Z');
    for (const file of [marker, path.join(installed, 'package.json'), path.join(installed, 'index.js'), installed]) {
      utimesSync(file, installedAt, installedAt);
    }

    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "(await import('./scripts/lib/deps.mjs')).ensureDependencies();"],
      {
        cwd: dir,
        encoding: 'utf8',
        // Offline with an empty cache: npm sends nothing anywhere and finds nothing cached.
        env: { ...process.env, npm_config_offline: 'true', npm_config_cache: path.join(dir, '.npm-cache') },
      },
    );
    expect(existsSync(path.join(installed, 'index.js')), `${result.stdout}\n${result.stderr}`).toBe(true);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).toBe(lockText);
  });
});
