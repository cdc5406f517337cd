// Sandbox images: one per language folder, built from executor/languages/<id>/Dockerfile
// on a base bootstrapped from Debian packages (no container registry is reachable here).
// Tags come from src/sandbox/imageTags.mjs, which the executor reads too.
//
// The language images only share the base, so once it is there they build side by side
// (BUILD_CONCURRENCY at a time: each build is mostly apt downloading and unpacking, and a
// few at once keep a cold machine's 20-odd images well inside CI's time without starving
// the tests that run beside them). Each build's output is kept and shown only if it fails,
// so the log stays one line per image.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseTag, imageTag, LANGUAGES_DIR, languageFolders, ROOTFS_TAG } from '../src/sandbox/imageTags.mjs';
import { inParallel } from './limited.mjs';

const SUITE = 'bookworm';
/** Language images built at once. */
export const BUILD_CONCURRENCY = 3;

function docker(args, options = {}) {
  return spawnSync('docker', args, { encoding: 'utf8', ...options });
}

function imageExists(tag) {
  return docker(['image', 'inspect', tag]).status === 0;
}

function run(command, args, what) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** The Debian mirror this machine's apt uses (deb822 sources, else sources.list). */
export function debianMirror() {
  const deb822 = '/etc/apt/sources.list.d/debian.sources';
  if (existsSync(deb822)) {
    for (const stanza of readFileSync(deb822, 'utf8').split(/\n\s*\n/)) {
      const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1] ?? '';
      if (uri && suites.split(/\s+/).includes(SUITE)) return uri;
    }
  }
  if (existsSync('/etc/apt/sources.list')) {
    const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(readFileSync('/etc/apt/sources.list', 'utf8'));
    if (line?.[1]) return line[1];
  }
  return 'http://deb.debian.org/debian';
}

function buildRootfs() {
  if (imageExists(ROOTFS_TAG)) return;
  if (spawnSync('which', ['debootstrap']).status !== 0) {
    if (process.getuid?.() !== 0) throw new Error('debootstrap is missing: run `sudo apt-get install -y debootstrap`.');
    run('apt-get', ['install', '-y', '-q', 'debootstrap'], 'installing debootstrap');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-rootfs-'));
  try {
    const mirror = debianMirror();
    console.log(`Bootstrapping Debian ${SUITE} (minbase) from ${mirror}…`);
    run('debootstrap', ['--variant=minbase', SUITE, dir, mirror], 'debootstrap');
    const tar = spawnSync('sh', ['-c', `tar -C "${dir}" -c . | docker import - ${ROOTFS_TAG}`], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error('docker import of the root filesystem failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function buildArgs(tag, dir, args) {
  const argv = ['build', '-q', '-t', tag, '--label', 'codesync.image=1'];
  for (const [key, value] of Object.entries(args)) argv.push('--build-arg', `${key}=${value}`);
  return [...argv, dir];
}

function buildBase() {
  const tag = baseTag();
  if (imageExists(tag)) return;
  console.log(`Building ${tag}…`);
  run('docker', buildArgs(tag, path.join(LANGUAGES_DIR, 'base'), { ROOTFS: ROOTFS_TAG }), `docker build ${tag}`);
}

/**
 * One `docker build` of a language folder, its output kept for the error; resolves with
 * the seconds it took. `extra` are more `docker build` options (the bench's --no-cache).
 */
export function buildLanguage(tag, language, extra = []) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const argv = buildArgs(tag, path.join(LANGUAGES_DIR, language), { BASE: baseTag() });
    const child = spawn('docker', [argv[0], ...extra, ...argv.slice(1)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve((Date.now() - started) / 1000);
      reject(
        new Error(
          `docker build ${tag} failed (exit ${code ?? signal}):\n${output.trim().split('\n').slice(-30).join('\n')}`,
        ),
      );
    });
  });
}

/** Builds whatever image is missing, BUILD_CONCURRENCY at a time; resolves with the tags by language. */
export async function buildImages(languages) {
  if (docker(['info']).status !== 0) {
    throw new Error(
      'No Docker engine answers: install Docker (`apt-get install -y docker.io`) and start it (`dockerd &`).',
    );
  }
  buildRootfs();
  buildBase();
  const tags = Object.fromEntries(languages.map((language) => [language, imageTag(language)]));
  const missing = languages.filter((language) => !imageExists(tags[language]));
  const failures = await inParallel(missing, BUILD_CONCURRENCY, async (language) => {
    console.log(`Building ${tags[language]}…`);
    const seconds = await buildLanguage(tags[language], language);
    console.log(`Built ${tags[language]} (${seconds.toFixed(1)} s).`);
  });
  if (failures.length > 0) throw new Error(failures.map((f) => f.error.message).join('\n\n'));
  return tags;
}

/** Every language folder (each has a language.json; test/languageFolders.test.ts checks). */
export const ALL_LANGUAGES = languageFolders();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const started = Date.now();
  try {
    await buildImages(wanted.length > 0 ? wanted : ALL_LANGUAGES);
    console.log(`Sandbox images ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
