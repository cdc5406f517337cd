/**
 * Only the configured registry (npm) or index (pip) may supply anything in a set.
 *
 * A package on the registry may itself depend on `git+file:///a/host/repo`, `file:/a/host/path`
 * or `http://an-internal-address/x.tgz` (npm), or `x @ file:///…` / `x @ http://…` (a pip
 * direct reference): npm and pip follow those from the executor HOST, so a set could read the
 * host's files or reach its network (SSRF) and then be mounted into the sandbox. The spec
 * grammar (specs.ts) checks only the specs a job names; this module checks what they pull in:
 *
 *  - npm, before anything is fetched: `checkNpmSources` walks the tree in the registry's own
 *    metadata and refuses any dependency that is not a registry range or dist-tag (or an
 *    `npm:name@range` alias of one).
 *  - npm, after installing: `checkNpmTree` reads the lock npm writes in the folder
 *    (node_modules/.package-lock.json) and the folder itself: every package resolved from the
 *    registry, no link, no symlink anywhere.
 *  - pip: `vetPipSet` lets pip resolve one layer at a time with `--no-deps` (pip reads each
 *    chosen wheel's metadata from the index and follows nothing), refuses any direct
 *    reference, and returns the pinned set that is then installed with `--no-deps`;
 *    `checkPipTree` refuses a set with any `direct_url.json` (PEP 610: installed from a URL).
 */
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/** A set that cannot be installed; the message is for the person who asked for it. */
export class PackageError extends Error {}

/** The most packages (distinct names) the npm walk reads from the registry for one set. */
export const MAX_NPM_WALK_PACKAGES = 1000;
/** Packuments read at once during the walk. */
const NPM_WALK_CONCURRENCY = 8;
/** The most rounds `vetPipSet` runs pip for before it gives up (one per layer of the tree). */
export const MAX_PIP_ROUNDS = 20;
/** The most packages (distinct names) one pip set may hold. */
export const MAX_PIP_WALK_PACKAGES = 500;

/** The public registry's tarball host: npm rewrites it to the configured registry (`replace-registry-host`). */
const NPMJS_TARBALLS = 'https://registry.npmjs.org/';

/** What every refusal of a source ends with: why, and what the person can do instead. */
const REFUSED =
  'CodeSync installs only packages from the registry: ask for another version of the package, or another package';

/** The registry URL with one trailing slash: what every tarball and `resolved` must start with. */
export function registryPrefix(registry: string): string {
  return registry.endsWith('/') ? registry : `${registry}/`;
}

const fromRegistry = (url: unknown, prefix: string) =>
  typeof url === 'string' && (url.startsWith(prefix) || url.startsWith(NPMJS_TARBALLS));

// ---------------------------------------------------------------- npm: before installing

interface NpmVersion {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  dist?: { tarball?: string };
  _hasShrinkwrap?: boolean;
}
interface Packument {
  'dist-tags'?: Record<string, string>;
  time?: Record<string, string>;
  versions?: Record<string, NpmVersion>;
}

/**
 * What a dependency spec names on the registry: a package and the spec of its versions, or
 * null when it names anything else (git, github shorthand, a path, a URL, a workspace).
 * Deliberately an allow-list: a range or a dist-tag is made of these characters only, and
 * every other kind of spec npm knows has a `:` or a `/` in it, starts with `.` (a folder)
 * or ends in .tgz, .tar or .tar.gz (a file): those are refused too.
 */
export function registrySpec(name: string, spec: string): { name: string; range: string } | null {
  if (spec.startsWith('npm:')) {
    const target = spec.slice(4);
    const at = target.indexOf('@', 1);
    const [aliased, range] = at > 0 ? [target.slice(0, at), target.slice(at + 1)] : [target, ''];
    if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(aliased) || range.startsWith('npm:')) return null;
    return registrySpec(aliased, range);
  }
  if (!/^[\w\s.+\-*^~<>=|]*$/.test(spec)) return null;
  const range = spec.trim();
  // The two kinds npm-package-arg reads without a `:` or `/`: a leading `.` is a folder
  // (`.`, `..`, `.x`), a name ending .tgz/.tar/.tar.gz a tarball file beside the host's cwd.
  if (range.startsWith('.') || /\.(?:tgz|tar|tar\.gz)$/i.test(range)) return null;
  return { name, range };
}

/**
 * The versions of a packument that `range` may pick. A superset of what npm would pick,
 * on purpose: npm prefers the `latest` tag, skips deprecated versions and those whose
 * `engines` do not fit, and reuses a version already placed, so "the highest satisfying"
 * is not always what it installs; every satisfying version is checked instead, its
 * prereleases included. A range semver cannot read is taken as every version.
 */
export function versionsFor(packument: Packument, range: string): string[] {
  const all = Object.keys(packument.versions ?? {});
  const tagged = packument['dist-tags']?.[range];
  if (tagged !== undefined) return all.filter((version) => version === tagged);
  if (semver.validRange(range) === null) return all;
  // A version that is not semver is never picked for a range by npm; checked all the same.
  return all.filter(
    (version) => !semver.valid(version) || semver.satisfies(version, range, { includePrerelease: true }),
  );
}

/** The registry's document for `name`: 404 is null (npm then fails the install naming it). */
async function readPackument(registry: string, name: string, signal: AbortSignal): Promise<Packument | null> {
  const url = `${registry}${name.replace('/', '%2f')}`;
  let res: Response;
  try {
    // Redirects are followed, as npm itself follows them for the same URL.
    res = await fetch(url, {
      signal,
      // The full document, as npm reads it with `--before`: the abbreviated one has no `time`.
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new PackageError(`packages: could not read ${name} from the registry: ${(error as Error).message}`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new PackageError(`packages: could not read ${name} from the registry: HTTP ${res.status}`);
  return (await res.json()) as Packument;
}

/**
 * Refuses `specs` (exact `name@version`) if anything they reach is not a registry package:
 * walks every version a dependency range may pick, in the registry's metadata (each name
 * read once), through `dependencies`, `optionalDependencies` and `peerDependencies`. Also
 * refused: a tarball the registry places elsewhere, and a package that ships an
 * npm-shrinkwrap.json (npm follows its `resolved` URLs without asking the registry), and a
 * version with no publish `time` (npm's `--before` would not hold it back). At most
 * MAX_NPM_WALK_PACKAGES names, before `deadline` (epoch ms).
 */
export async function checkNpmSources(specs: readonly string[], registry: string, deadline: number): Promise<void> {
  const prefix = registryPrefix(registry);
  const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
  const packuments = new Map<string, Promise<Packument | null>>();
  const checked = new Set<string>();
  type Step = { name: string; range: string; chain: string[] };
  let layer: Step[] = specs.map((spec) => {
    const at = spec.lastIndexOf('@');
    return { name: spec.slice(0, at), range: spec.slice(at + 1), chain: [] };
  });
  while (layer.length > 0) {
    const fresh = [...new Set(layer.map((step) => step.name))].filter((name) => !packuments.has(name));
    if (packuments.size + fresh.length > MAX_NPM_WALK_PACKAGES) {
      throw new PackageError(
        `packages: ${specs.join(', ')} reach more than ${MAX_NPM_WALK_PACKAGES} packages; ask for fewer or smaller packages`,
      );
    }
    for (let i = 0; i < fresh.length; i += NPM_WALK_CONCURRENCY) {
      const batch = fresh.slice(i, i + NPM_WALK_CONCURRENCY);
      for (const name of batch) packuments.set(name, readPackument(prefix, name, signal));
      await Promise.all(batch.map((name) => packuments.get(name)));
    }
    const next: Step[] = [];
    for (const step of layer) {
      const packument = await packuments.get(step.name);
      if (!packument) continue;
      for (const version of versionsFor(packument, step.range)) {
        const id = `${step.name}@${version}`;
        if (checked.has(id)) continue;
        checked.add(id);
        const manifest = packument.versions?.[version] ?? {};
        const chain = [...step.chain, id];
        const where = chain.join(' > ');
        const tarball = manifest.dist?.tarball;
        if (tarball !== undefined && !fromRegistry(tarball, prefix)) {
          throw new PackageError(`packages: ${where} is served from ${tarball}, not the registry; ${REFUSED}`);
        }
        if (typeof packument.time?.[version] !== 'string') {
          // npm's `--before` lets a version with no publish time through, whenever it was published.
          throw new PackageError(
            `packages: the registry gives no publish time for ${where}, which CodeSync needs to install only what it checked; ${REFUSED}`,
          );
        }
        if (manifest._hasShrinkwrap) {
          throw new PackageError(
            `packages: ${where} ships an npm-shrinkwrap.json, whose sources npm would follow unchecked; ${REFUSED}`,
          );
        }
        const deps = {
          ...manifest.peerDependencies,
          ...manifest.optionalDependencies,
          ...manifest.dependencies,
        };
        const all = [manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies];
        for (const group of all) {
          for (const [dep, spec] of Object.entries(group ?? {})) {
            if (typeof spec !== 'string' || !registrySpec(dep, spec)) {
              throw new PackageError(`packages: ${where} depends on ${dep} from ${String(spec)}; ${REFUSED}`);
            }
          }
        }
        for (const [dep, spec] of Object.entries(deps)) {
          const target = registrySpec(dep, spec) as { name: string; range: string };
          next.push({ name: target.name, range: target.range, chain });
        }
      }
    }
    layer = next;
  }
}

// ---------------------------------------------------------------- npm: after installing

/**
 * Refuses an installed npm set unless every package in it came from the registry: the
 * lock npm writes beside the packages (node_modules/.package-lock.json, written even with
 * `--no-package-lock`) names each one's `resolved` URL; each must start with the registry's
 * (a bundled package comes inside its parent's tarball), none may be a link, and every
 * package folder on disk must be in it. No symlink may be anywhere in the set (npm's
 * tarball extraction drops them, and `--no-bin-links` makes none).
 */
export function checkNpmTree(into: string, registry: string): void {
  const prefix = registryPrefix(registry);
  const symlink = findSymlink(into);
  if (symlink) throw new PackageError(`packages: the set holds a link to ${symlink.target}; ${REFUSED}`);
  const modules = path.join(into, 'node_modules');
  let lock: { packages?: Record<string, { resolved?: string; link?: boolean; inBundle?: boolean }> };
  try {
    lock = JSON.parse(readFileSync(path.join(modules, '.package-lock.json'), 'utf8'));
  } catch {
    throw new PackageError(`packages: npm left no record of where the packages came from; ${REFUSED}`);
  }
  const entries = lock.packages ?? {};
  for (const [key, entry] of Object.entries(entries)) {
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!key.startsWith('node_modules/') || key.split('/').includes('..')) {
      throw new PackageError(`packages: npm placed ${key} outside the set; ${REFUSED}`);
    }
    if (entry.link) throw new PackageError(`packages: ${name} is a link to ${entry.resolved}; ${REFUSED}`);
    if (entry.inBundle) continue;
    if (!fromRegistry(entry.resolved, prefix)) {
      throw new PackageError(`packages: ${name} came from ${entry.resolved ?? 'an unknown source'}; ${REFUSED}`);
    }
  }
  for (const key of packageFolders(into, 'node_modules')) {
    if (!Object.hasOwn(entries, key)) {
      throw new PackageError(`packages: ${key} is not in npm's record of the set; ${REFUSED}`);
    }
  }
}

/** `node_modules/x`, `node_modules/@s/y`, `node_modules/x/node_modules/z`, … under `into`. */
function packageFolders(into: string, dir: string): string[] {
  const full = path.join(into, dir);
  let names: string[];
  try {
    names = readdirSync(full);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const packages = name.startsWith('@')
      ? readdirSync(path.join(full, name)).map((inner) => `${dir}/${name}/${inner}`)
      : [`${dir}/${name}`];
    for (const pkg of packages) found.push(pkg, ...packageFolders(into, `${pkg}/node_modules`));
  }
  return found;
}

/** The first symlink under `dir` (never followed), with where it points. */
function findSymlink(dir: string): { at: string; target: string } | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) return { at: full, target: path.resolve(dir, readlinkSync(full)) };
    if (entry.isDirectory()) {
      const inner = findSymlink(full);
      if (inner) return inner;
    }
  }
  return null;
}

// ---------------------------------------------------------------- pip

/**
 * Reads the report of `pip install --dry-run --no-deps --report` (argv[1]) and writes (argv[2]), for
 * each package pip chose: its name, version, the direct references it requires (PEP 508
 * `name @ url`, refused whatever their marker) and the requirements it needs here (markers
 * evaluated in pip's own environment, with the extras asked of it), without markers.
 */
export const PIP_EXPAND = `
import json, sys
from pip._vendor.packaging.requirements import Requirement
report = json.load(open(sys.argv[1]))
env = report.get("environment") or {}
out = []
for item in report.get("install", []):
    meta = item["metadata"]
    extras = item.get("requested_extras") or [""]
    deps, direct = [], []
    for text in meta.get("requires_dist") or []:
        req = Requirement(text)
        if req.url:
            direct.append([req.name, req.url])
            continue
        if req.marker is not None and not any(req.marker.evaluate({**env, "extra": e}) for e in extras):
            continue
        deps.append(req.name + ("[" + ",".join(sorted(req.extras)) + "]" if req.extras else "") + str(req.specifier))
    out.append({"name": meta["name"], "version": meta["version"], "isDirect": bool(item.get("is_direct")),
                "url": (item.get("download_info") or {}).get("url", ""), "direct": direct, "deps": deps})
json.dump(out, open(sys.argv[2], "w"))
`;

export interface PipChoice {
  name: string;
  version: string;
  isDirect: boolean;
  url: string;
  direct: [string, string][];
  deps: string[];
}

const pipName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
/** The project a requirement string names (`Foo_Bar[x]>=1` → `foo-bar`). */
export const pipRequirementName = (requirement: string) => pipName(/^[A-Za-z0-9._-]+/.exec(requirement)?.[0] ?? '');

/**
 * One round's choices checked: refuses a direct reference or a choice pip did not take
 * from the index, naming the chain from a requested package (`parents`: project → the
 * `name@version` that first required it, updated here).
 */
export function checkPipChoices(choices: PipChoice[], parents: Map<string, string>): void {
  const chain = (name: string) => {
    const links: string[] = [];
    for (
      let at = parents.get(pipName(name));
      at && links.length < 50;
      at = parents.get(pipName(at.split('@')[0] ?? ''))
    ) {
      links.unshift(at);
    }
    return links;
  };
  if (choices.length > MAX_PIP_WALK_PACKAGES) {
    throw new PackageError(`packages: the set reaches more than ${MAX_PIP_WALK_PACKAGES} packages; ask for fewer`);
  }
  for (const choice of choices) {
    const id = `${choice.name}@${choice.version}`;
    const where = [...chain(choice.name), id].join(' > ');
    if (choice.isDirect) throw new PackageError(`packages: ${where} came from ${choice.url}; ${REFUSED_PIP}`);
    const [direct] = choice.direct;
    if (direct) throw new PackageError(`packages: ${where} depends on ${direct[0]} from ${direct[1]}; ${REFUSED_PIP}`);
    for (const dep of choice.deps) {
      const name = pipRequirementName(dep);
      if (!parents.has(name)) parents.set(name, id);
    }
  }
}

const REFUSED_PIP =
  'CodeSync installs only packages from the index: ask for another version of the package, or another package';

/**
 * Refuses an installed pip set holding a package installed from a URL or a path (pip
 * writes `direct_url.json` in its dist-info then, PEP 610) or any symlink.
 */
export function checkPipTree(into: string): void {
  const symlink = findSymlink(into);
  if (symlink) throw new PackageError(`packages: the set holds a link to ${symlink.target}; ${REFUSED_PIP}`);
  for (const entry of readdirSync(into)) {
    if (entry.endsWith('.dist-info') && readdirSync(path.join(into, entry)).includes('direct_url.json')) {
      const url = (() => {
        try {
          return JSON.parse(readFileSync(path.join(into, entry, 'direct_url.json'), 'utf8')).url as string;
        } catch {
          return 'a URL';
        }
      })();
      throw new PackageError(`packages: ${entry.replace(/\.dist-info$/, '')} came from ${url}; ${REFUSED_PIP}`);
    }
  }
}

/** Empties a refused set's folder (it is never mounted; nothing of it is kept). */
export function emptyFolder(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
}
