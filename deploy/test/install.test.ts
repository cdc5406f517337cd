/**
 * Installs as pipelines do: `npm ci` takes the lock file as it is, and refuses one that
 * is out of step with package.json. A lock that lacked other platforms' optional packages
 * (@biomejs/cli-*) once made `npm ci` fail on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
