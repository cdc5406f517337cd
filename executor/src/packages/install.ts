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
 *
 * And that only the registry (npm) or the index (pip) supplies anything (sources.ts): a
 * package may itself depend on a git repo, a path or a URL, which npm or pip would fetch
 * from this host (its files, its network). npm: the dependency tree is walked in the
 * registry's metadata first and any dependency that is not a registry range or tag refuses
 * the set before anything is fetched; npm runs with `--before` the walk's start (it picks only
 * versions the walk saw, not one published since) and `--git /bin/false` (no git dependency
 * can be cloned, whatever the walk missed); afterwards npm's own record of the set must
 * show every package resolved from the registry, and no link. pip: each layer of the tree
 * is resolved with `--no-deps` (pip reads a chosen wheel's metadata and follows nothing),
 * any direct reference (`name @ url`) refuses the set, and the pinned set is installed
 * with `--no-deps`; afterwards no package may carry a `direct_url.json`. A set refused
 * after installing is emptied, never kept.
 */
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkNpmSources,
  checkNpmTree,
  checkPipChoices,
  checkPipTree,
  emptyFolder,
  MAX_PIP_ROUNDS,
  PackageError,
  PIP_EXPAND,
  type PipChoice,
} from './sources';
import type { PackageLanguage } from './specs';
import { splitSpec } from './specs';

export { PackageError };

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

/** What npm runs for git: it always fails, so no git dependency is ever cloned. */
const NO_GIT = '/bin/false';

/** Installs `specs` (valid, normalized) into `into`, an empty folder; `scratch` is the tools' own. */
export async function installSet(
  language: PackageLanguage,
  specs: readonly string[],
  into: string,
  scratch: string,
  settings: InstallSettings,
): Promise<void> {
  const deadline = Date.now() + settings.installMs;
  mkdirSync(path.join(scratch, 'home'), { recursive: true });
  // npm refuses one file as both user and global config.
  const [userConfig, globalConfig] = [path.join(scratch, 'user.rc'), path.join(scratch, 'global.rc')];
  writeFileSync(userConfig, '');
  writeFileSync(globalConfig, '');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(scratch, 'home'), LANG: 'C.UTF-8' };
  const named = specs.join(', ');
  const late = () =>
    new PackageError(
      `packages: installing ${named} took longer than ${settings.installMs} ms; ask for fewer or smaller packages`,
    );
  const tool = async (command: string, args: string[]) => {
    const left = deadline - Date.now();
    const { code, timedOut, output } =
      left > 0 ? await runTool(command, args, env, scratch, left) : { code: null, timedOut: true, output: '' };
    if (timedOut) throw late();
    if (code !== 0) throw new PackageError(failureMessage(specs, output));
    return output;
  };
  if (language === 'javascript') {
    // npm resolves the ranges again against the live registry: a version published after
    // the walk began (one the walk never saw) could name a URL npm would fetch before the
    // check after installing refuses it. `--before` the walk's start keeps npm to versions
    // the registry had by then, all of which the walk read (it reads each packument after
    // this moment, so it saw at least those). Times are the registry's (`time` in each
    // packument; the walk refuses a version without one) against this host's clock: the two
    // are taken to agree, as for any mirror kept on NTP.
    const walkStart = new Date();
    try {
      await checkNpmSources(specs, settings.npmRegistry, deadline);
    } catch (error) {
      if (Date.now() >= deadline) throw late();
      throw error;
    }
    await tool('npm', [
      'install',
      ...['--prefix', into, '--registry', settings.npmRegistry],
      ...['--userconfig', userConfig, '--globalconfig', globalConfig, '--cache', path.join(scratch, 'cache')],
      ...['--ignore-scripts', '--no-bin-links', '--no-save', '--no-package-lock', '--omit=dev', '--git', NO_GIT],
      ...['--before', walkStart.toISOString()],
      ...['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'],
      ...specs,
    ]);
    refuseEmptied(into, () => checkNpmTree(into, settings.npmRegistry));
  } else {
    const pip = [
      ...['-m', 'pip', 'install', '--isolated', '--no-input', '--disable-pip-version-check', '--no-cache-dir'],
      ...['--only-binary=:all:', '--python-version', SANDBOX_PYTHON, '--index-url', settings.pipIndexUrl],
      '--no-deps',
    ];
    const pinned = await vetPipSet(specs, pip, scratch, tool);
    await tool('python3', [...pip, '--target', into, ...pinned]);
    refuseEmptied(into, () => checkPipTree(into));
  }
  const kb = Math.ceil(folderBytes(into) / 1024);
  if (kb > settings.maxKb) {
    throw new PackageError(
      `packages: ${named} take ${kb} KB installed, over the cap of ${settings.maxKb} KB; ask for fewer or smaller packages`,
    );
  }
}

/** Runs a check of an installed set; a refused set's folder is emptied before the refusal goes up. */
function refuseEmptied(into: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    emptyFolder(into);
    throw error;
  }
}

/**
 * The whole pip set, pinned (`name==version` each), with no direct reference anywhere in
 * it. Why not let pip resolve and look afterwards: pip fetches a dependency's URL (or
 * reads its path) while resolving, `--dry-run` included, so looking afterwards is too
 * late for the host's network. Why not a resolver of our own: PEP 440 ranges, markers,
 * extras and wheel tags are pip's to get right. So pip resolves one layer at a time with
 * `--no-deps` (it picks each named requirement from the index, reads that wheel's
 * metadata and follows nothing) and reports its choices; a round's requirements are the
 * requested specs plus what the previous round's choices require, until a round adds
 * nothing. Caveat, on the safe side: a layer is chosen without pip's backtracking, so a
 * set whose ranges pip would only meet by backtracking fails to install (it names the
 * package) rather than installing something unchecked.
 */
async function vetPipSet(
  specs: readonly string[],
  pip: string[],
  scratch: string,
  tool: (command: string, args: string[]) => Promise<string>,
): Promise<string[]> {
  const top = specs.map((spec) => {
    const { name, version } = splitSpec(spec);
    return `${name}==${version}`;
  });
  const parents = new Map<string, string>();
  const [report, choicesFile] = [path.join(scratch, 'pip-report.json'), path.join(scratch, 'pip-choices.json')];
  let requirements = [...top].sort();
  for (let round = 0; round < MAX_PIP_ROUNDS; round++) {
    await tool('python3', [
      ...pip,
      ...['--dry-run', '--ignore-installed', '--quiet', '--report', report, '--target', path.join(scratch, 'dry')],
      ...requirements,
    ]);
    await tool('python3', ['-c', PIP_EXPAND, report, choicesFile]);
    const choices = JSON.parse(readFileSync(choicesFile, 'utf8')) as PipChoice[];
    checkPipChoices(choices, parents);
    const next = [...new Set([...top, ...choices.flatMap((choice) => choice.deps)])].sort();
    if (next.join('\n') === requirements.join('\n')) {
      return choices.map((choice) => `${choice.name}==${choice.version}`);
    }
    requirements = next;
  }
  throw new PackageError(
    `packages: ${specs.join(', ')} did not settle in ${MAX_PIP_ROUNDS} rounds of resolution; ask for fewer packages`,
  );
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

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, deadlineMs: number) {
  return new Promise<{ code: number | null; timedOut: boolean; output: string }>((resolve, reject) => {
    // Its own process group, so that the deadline kills whatever the tool started too; in
    // its own folder, so that no name (`x.whl`, say) is found as a file beside the executor.
    const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
