// Sandbox images: one per language folder, built from executor/languages/<id>/Dockerfile
// on a base bootstrapped from Debian packages (no container registry is reachable here).
// Tags come from src/sandbox/imageTags.mjs, which the executor reads too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseTag, imageTag, LANGUAGES_DIR, languageFolders, ROOTFS_TAG } from '../src/sandbox/imageTags.mjs';

const SUITE = 'bookworm';

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

function build(tag, dir, buildArgs) {
  if (imageExists(tag)) return false;
  console.log(`Building ${tag}…`);
  const args = ['build', '-q', '-t', tag, '--label', 'codesync.image=1'];
  for (const [key, value] of Object.entries(buildArgs)) args.push('--build-arg', `${key}=${value}`);
  run('docker', [...args, dir], `docker build ${tag}`);
  return true;
}

/** Builds whatever image is missing; returns the tags by language. */
export function buildImages(languages) {
  if (docker(['info']).status !== 0) {
    throw new Error(
      'No Docker engine answers: install Docker (`apt-get install -y docker.io`) and start it (`dockerd &`).',
    );
  }
  buildRootfs();
  build(baseTag(), path.join(LANGUAGES_DIR, 'base'), { ROOTFS: ROOTFS_TAG });
  const tags = {};
  for (const language of languages) {
    tags[language] = imageTag(language);
    build(tags[language], path.join(LANGUAGES_DIR, language), { BASE: baseTag() });
  }
  return tags;
}

/** Every language folder (each has a language.json; test/languageFolders.test.ts checks). */
export const ALL_LANGUAGES = languageFolders();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const started = Date.now();
  try {
    buildImages(wanted.length > 0 ? wanted : ALL_LANGUAGES);
    console.log(`Sandbox images ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
