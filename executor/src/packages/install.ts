/**
 * Installs one set of packages into a folder, on the executor host, with the host's own
 * npm or pip. Never inside a sandbox and never next to user code: the folder is empty
 * but for what the registry sends, and it is only mounted (read-only) once complete.
 *
 * Why the host's tools and not an install container: the registry is configuration
 * (a loopback one in tests, a mirror in production) and the host reaches it as it is;
 * no second image to build. What makes that safe is that nothing a package ships is run:
 * npm gets `--ignore-scripts` (no install/postinstall hooks, no native builds), pip
 * gets `--only-binary=:all:` (wheels only; an sdist would run its setup.py). Both get
 * an environment of their own (no variable of the executor: no secret), empty user and
 * global config (no token or mirror of the host's), a throwaway cache, a deadline that
 * kills the whole process group, and the set's size is checked before it is kept.
 */
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageLanguage } from './specs';
import { splitSpec } from './specs';

/** The python the sandbox image has (Debian bookworm): wheels are chosen for it. */
const SANDBOX_PYTHON = '3.11';
/** What of a tool's output is kept to explain a failure. */
const MAX_TOOL_OUTPUT_CHARS = 16 * 1024;

export interface InstallSettings {
  npmRegistry: string;
  pipIndexUrl: string;
  maxKb: number;
  installMs: number;
}

/** A set that cannot be installed; the message is for the person who asked for it. */
export class PackageError extends Error {}

/** Installs `specs` (valid, normalized) into `into`, an empty folder; `scratch` is the tools' own. */
export async function installSet(
  language: PackageLanguage,
  specs: readonly string[],
  into: string,
  scratch: string,
  settings: InstallSettings,
): Promise<void> {
  mkdirSync(path.join(scratch, 'home'), { recursive: true });
  // npm refuses one file as both user and global config.
  const [userConfig, globalConfig] = [path.join(scratch, 'user.rc'), path.join(scratch, 'global.rc')];
  writeFileSync(userConfig, '');
  writeFileSync(globalConfig, '');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(scratch, 'home'), LANG: 'C.UTF-8' };
  const [command, args] =
    language === 'javascript'
      ? [
          'npm',
          [
            'install',
            ...['--prefix', into, '--registry', settings.npmRegistry],
            ...['--userconfig', userConfig, '--globalconfig', globalConfig, '--cache', path.join(scratch, 'cache')],
            ...['--ignore-scripts', '--no-bin-links', '--no-save', '--no-package-lock', '--omit=dev'],
            ...['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'],
            ...specs,
          ],
        ]
      : [
          'python3',
          [
            ...['-m', 'pip', 'install', '--isolated', '--no-input', '--disable-pip-version-check', '--no-cache-dir'],
            ...['--only-binary=:all:', '--python-version', SANDBOX_PYTHON, '--target', into],
            ...['--index-url', settings.pipIndexUrl],
            ...specs.map((spec) => {
              const { name, version } = splitSpec(spec);
              return `${name}==${version}`;
            }),
          ],
        ];
  const { code, timedOut, output } = await runTool(command as string, args as string[], env, settings.installMs);
  const named = specs.join(', ');
  if (timedOut) {
    throw new PackageError(
      `packages: installing ${named} took longer than ${settings.installMs} ms; ask for fewer or smaller packages`,
    );
  }
  if (code !== 0) throw new PackageError(failureMessage(specs, output));
  const kb = Math.ceil(folderBytes(into) / 1024);
  if (kb > settings.maxKb) {
    throw new PackageError(
      `packages: ${named} take ${kb} KB installed, over the cap of ${settings.maxKb} KB; ask for fewer or smaller packages`,
    );
  }
}

/** Names the package the tool complained about, with the tool's own words. */
function failureMessage(specs: readonly string[], output: string): string {
  const lower = output.toLowerCase();
  const culprit = specs.find((spec) => lower.includes(splitSpec(spec).name.toLowerCase()));
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(npm )?err/i.test(line))
    .slice(-3);
  const said = lines.length ? `: ${lines.join(' | ')}` : '';
  const what = culprit ?? specs.join(', ');
  return `packages: could not install ${what}; check that the name and version exist in the registry${said}`;
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, deadlineMs: number) {
  return new Promise<{ code: number | null; timedOut: boolean; output: string }>((resolve, reject) => {
    // Its own process group, so that the deadline kills whatever the tool started too.
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_TOOL_OUTPUT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command} to install packages: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

/** Bytes under `dir`, symlinks counted as themselves (never followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : lstatSync(full).size;
  }
  return total;
}
