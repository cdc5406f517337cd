// The tag of each sandbox image, shared by the image builder (scripts/images.mjs) and
// the executor (sandbox/images.ts), which must agree on it. Plain JavaScript with no
// dependencies, because the builder runs under bare Node.
//
// A tag is a content hash of the recipe (the folder's files, not its subfolders: smoke/
// holds test programs), seeded with the base image's tag, so a changed Dockerfile or
// script means a new image and an unchanged one is never rebuilt. language.json is left
// out: a new starter or version label needs no new image.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LANGUAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../languages');
/** Bump to re-bootstrap the root filesystem. */
export const ROOTFS_TAG = 'codesync-rootfs:bookworm-1';

/** @param {string} dir @param {string} seed @returns {string} */
function hashDir(dir, seed) {
  const hash = createHash('sha256').update(seed);
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && entry.name !== 'language.json') {
      hash.update(entry.name).update(readFileSync(path.join(dir, entry.name)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** The folders under languages/ that hold a language (all but base). @returns {string[]} */
export function languageFolders() {
  return readdirSync(LANGUAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'base')
    .map((entry) => entry.name)
    .sort();
}

/** @returns {string} */
export function baseTag() {
  return `codesync-base:${hashDir(path.join(LANGUAGES_DIR, 'base'), ROOTFS_TAG)}`;
}

/** The image tag for a language folder, named by its language.json. @param {string} id @returns {string} */
export function imageTag(id) {
  const file = path.join(LANGUAGES_DIR, id, 'language.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: every language folder needs one`);
  const { image } = JSON.parse(readFileSync(file, 'utf8'));
  return `${image}:${hashDir(path.join(LANGUAGES_DIR, id), baseTag())}`;
}
