/**
 * Libraries a job (or a room) asks for: a short list of exact `name@version` specs, for
 * the languages that have a package registry here (python: pip, javascript: npm).
 *
 * The grammar is deliberately narrow: a registry name and an exact version, nothing
 * else. No ranges (the set must name one thing, so it can be cached by content), no
 * URLs, paths, git specs, extras or flags: whatever the spec says is passed to npm or
 * pip as a package name, so nothing in it may be read as anything else. Pure (no Node
 * imports): the worker validates a room's setting with this same code.
 *
 * @example
 * packagesProblem('python', ['sortedcontainers@2.4.0']); // null
 * packagesProblem('javascript', ['git+https://example.com/x.git']); // 'packages[0]: …'
 * normalizePackages('python', ['Sorted_Containers@2.4.0']); // ['sorted-containers@2.4.0']
 */
import { MAX_PACKAGE_SPEC_CHARS, MAX_PACKAGES } from '../limits';

/** Which registry serves a language's packages; a language not listed takes none. */
export const PACKAGE_REGISTRIES = { python: 'pip', javascript: 'npm' } as const;
export type PackageLanguage = keyof typeof PACKAGE_REGISTRIES;

interface Grammar {
  name: RegExp;
  version: RegExp;
  example: string;
  /** The one spelling of a name, so that two spellings of one set share a cache entry. */
  normalize(name: string): string;
}

const GRAMMARS: Record<PackageLanguage, Grammar> = {
  // npm: lowercase names, optionally scoped; exact semver versions.
  javascript: {
    name: /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/,
    version: /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
    example: 'lodash@4.17.21',
    normalize: (name) => name,
  },
  // PyPI: PEP 508 names, normalized as PEP 503 does; exact PEP 440 release versions.
  python: {
    name: /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
    version: /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/,
    example: 'sortedcontainers@2.4.0',
    normalize: (name) => name.toLowerCase().replace(/[-_.]+/g, '-'),
  },
};

export function takesPackages(language: string): language is PackageLanguage {
  return Object.hasOwn(PACKAGE_REGISTRIES, language);
}

/** A spec split at its last `@` (a scoped npm name starts with one). */
export function splitSpec(spec: string): { name: string; version: string } {
  const at = spec.lastIndexOf('@');
  return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : { name: spec, version: '' };
}

/**
 * Why `specs` cannot be installed for `language`, naming the spec and the fix; null
 * when they can. An empty list is always fine.
 */
export function packagesProblem(language: string, specs: readonly string[]): string | null {
  if (specs.length === 0) return null;
  if (!takesPackages(language)) {
    return `packages: ${language} takes no packages; only ${Object.keys(PACKAGE_REGISTRIES).join(' and ')} do`;
  }
  if (specs.length > MAX_PACKAGES) return `packages: at most ${MAX_PACKAGES} packages, not ${specs.length}`;
  const grammar = GRAMMARS[language];
  const seen = new Set<string>();
  for (const [i, spec] of specs.entries()) {
    if (spec.length > MAX_PACKAGE_SPEC_CHARS) {
      return `packages[${i}]: must be at most ${MAX_PACKAGE_SPEC_CHARS} characters`;
    }
    const { name, version } = splitSpec(spec);
    if (!grammar.name.test(name) || !grammar.version.test(version)) {
      return `packages[${i}]: "${spec}" must be name@exact-version, e.g. ${grammar.example} (no ranges, URLs, paths or git)`;
    }
    const key = grammar.normalize(name);
    if (seen.has(key)) return `packages[${i}]: ${name} is named twice; keep one version`;
    seen.add(key);
  }
  return null;
}

/** The one spelling of a valid set: names normalized, sorted. Call after `packagesProblem`. */
export function normalizePackages(language: PackageLanguage, specs: readonly string[]): string[] {
  const grammar = GRAMMARS[language];
  return specs
    .map((spec) => {
      const { name, version } = splitSpec(spec);
      return `${grammar.normalize(name)}@${version}`;
    })
    .sort();
}
