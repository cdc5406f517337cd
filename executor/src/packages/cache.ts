/**
 * The content-addressed cache of installed package sets. A set's folder is named by a
 * hash of its language and its normalized specs, so the next job asking for the same
 * set (in any order or spelling) mounts the same folder without installing again.
 *
 * A set is installed into a staging folder and renamed into place only when complete,
 * checked and made read-only, so a folder under its final name is always whole; the
 * same set asked for twice at once is installed once (the second waits for the first).
 *
 * The cache as a whole is bounded (`cacheKb`): after each install, sets no job is using
 * go, least recently used first, until it fits. A job holds its set by a lease from the
 * moment it is found to the end of its run; a lease touches the folder's time, which is
 * the "last used" every executor on the host sees. A set another executor sharing the
 * folder touched (its time is not one this process wrote) is kept for
 * PACKAGES_FOREIGN_USE_MS, the longest it could be mounted there.
 *
 * @example
 * const cache = new PackageCache(config.packages);
 * const lease = await cache.lease('python', ['sortedcontainers@2.4.0']); // throws PackageError
 * try { mount(lease.dir) } finally { lease.release() }
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import path from 'node:path';
import { DRAIN_DEADLINE_MS } from '../limits';
import { folderBytes, type InstallSettings, installSet } from './install';
import { normalizePackages, type PackageLanguage } from './specs';

/** A set another executor on the host used this recently may still be mounted there. */
export const PACKAGES_FOREIGN_USE_MS = DRAIN_DEADLINE_MS;

export interface PackageCacheSettings extends InstallSettings {
  /** The cache's folder on the executor host. */
  dir: string;
  /** Every set together may weigh this much before unused ones are removed. */
  cacheKb: number;
}

/** A set held for one job: its folder stays until `release`. */
export interface PackageLease {
  dir: string;
  release(): void;
}

export class PackageCache {
  readonly #settings: PackageCacheSettings;
  readonly #installing = new Map<string, Promise<string>>();
  /** Leases held now, by set key. */
  readonly #leases = new Map<string, number>();
  /** The folder time this process last wrote, by set key (another time: another executor's use). */
  readonly #touched = new Map<string, number>();
  #lastTouch = 0;
  /** Sizes measured once, by set key (a set never changes). */
  readonly #sizes = new Map<string, number>();
  /** Sets installed by this process (a reused set does not count). */
  installs = 0;
  /** Sets removed to keep the cache under its cap. */
  evictions = 0;

  constructor(settings: PackageCacheSettings) {
    this.#settings = settings;
  }

  /** The cache key of a set: same set, same key, however it is spelled or ordered. */
  key(language: PackageLanguage, specs: readonly string[]): string {
    const normalized = normalizePackages(language, specs);
    return createHash('sha256')
      .update(`${language}\n${normalized.join('\n')}`)
      .digest('hex');
  }

  /** Holds the folder of `specs` installed, installing them first if no job has yet. */
  async lease(language: PackageLanguage, specs: readonly string[]): Promise<PackageLease> {
    const key = this.key(language, specs);
    const dir = path.join(this.#settings.dir, key);
    // Found and held in one synchronous step: an eviction runs between awaits only.
    while (!existsSync(dir)) await this.#installOnce(key, language, specs, dir);
    this.#leases.set(key, (this.#leases.get(key) ?? 0) + 1);
    this.#touch(key, dir);
    let released = false;
    return {
      dir,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.#leases.get(key) ?? 1) - 1;
        if (left > 0) this.#leases.set(key, left);
        else this.#leases.delete(key);
        if (existsSync(dir)) this.#touch(key, dir);
      },
    };
  }

  #installOnce(key: string, language: PackageLanguage, specs: readonly string[], dir: string): Promise<string> {
    let pending = this.#installing.get(key);
    if (!pending) {
      pending = this.#install(language, normalizePackages(language, specs), dir).finally(() =>
        this.#installing.delete(key),
      );
      this.#installing.set(key, pending);
    }
    return pending;
  }

  async #install(language: PackageLanguage, specs: string[], dir: string): Promise<string> {
    mkdirSync(this.#settings.dir, { recursive: true, mode: 0o755 });
    const staging = path.join(this.#settings.dir, `.staging-${randomBytes(8).toString('hex')}`);
    const into = path.join(staging, 'set');
    mkdirSync(into, { recursive: true });
    try {
      await installSet(language, specs, into, path.join(staging, 'scratch'), this.#settings);
      makeReadOnly(into);
      try {
        renameSync(into, dir);
      } catch (error) {
        // Another executor on this host finished the same set first: use theirs.
        if (!existsSync(dir)) throw error;
      }
      this.installs += 1;
      this.#evict(path.basename(dir));
      return dir;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /** Removes unused sets, least recently used first, until the cache fits (`fresh`: the set just made). */
  #evict(fresh: string): void {
    const now = Date.now();
    const sets = readdirSync(this.#settings.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => {
        const dir = path.join(this.#settings.dir, entry.name);
        const usedAt = statSync(dir).mtimeMs;
        const size = this.#sizes.get(entry.name) ?? folderBytes(dir);
        this.#sizes.set(entry.name, size);
        return { key: entry.name, dir, usedAt, kb: Math.ceil(size / 1024) };
      });
    let total = sets.reduce((sum, set) => sum + set.kb, 0);
    const removable = sets
      .filter(({ key, usedAt }) => {
        if (key === fresh || this.#leases.has(key)) return false;
        const ours = this.#touched.get(key) === usedAt;
        return ours || now - usedAt > PACKAGES_FOREIGN_USE_MS;
      })
      .sort((a, b) => a.usedAt - b.usedAt);
    for (const set of removable) {
      if (total <= this.#settings.cacheKb) break;
      removeSet(set.dir);
      this.#sizes.delete(set.key);
      this.#touched.delete(set.key);
      total -= set.kb;
      this.evictions += 1;
    }
  }

  /** How many leases on the set `key` are held now. */
  holders(key: string): number {
    return this.#leases.get(key) ?? 0;
  }

  /** Marks the set used now; two uses within a millisecond still come in order. */
  #touch(key: string, dir: string): void {
    this.#lastTouch = Math.max(Date.now(), this.#lastTouch + 1);
    const at = this.#lastTouch / 1000;
    utimesSync(dir, at, at);
    this.#touched.set(key, statSync(dir).mtimeMs);
  }
}

/** Folders r-x, files r-- (r-x if they were executable), for everyone; writable by no one. */
function makeReadOnly(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeReadOnly(full);
    else if (entry.isFile()) chmodSync(full, lstatSync(full).mode & 0o111 ? 0o555 : 0o444);
  }
  chmodSync(dir, 0o555);
}

/**
 * Takes a set out of the cache at once (a rename beside it: no job can find it after
 * this line), then deletes it; its folders are made writable first, since an executor
 * that is not root cannot empty a read-only folder.
 */
function removeSet(dir: string): void {
  const trash = path.join(path.dirname(dir), `.evicted-${randomBytes(8).toString('hex')}`);
  renameSync(dir, trash);
  makeWritable(trash);
  rmSync(trash, { recursive: true, force: true });
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
  }
}
