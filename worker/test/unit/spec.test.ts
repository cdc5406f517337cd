/**
 * SPEC.md and the tests agree: every rule it defines (`- **[DUR1]** …`) is cited by
 * at least one test name (it / test / describe, or what `it.each(…)` returns, called
 * with a name that starts with `[DUR1]`), and every id a test name cites is defined there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../../..');
const TEST_DIRS = ['worker/test', 'executor/test', 'e2e', 'web/test', 'deploy/test'];

/** A rule id: capital letters then a number (`DUR1`), or a security rule's `SEC-AWARE1`. */
const ID = '(?:SEC-)?[A-Z]+[0-9]+';
/** `- **[ID]**` at the start of a line defines a rule. */
const RULE = new RegExp(String.raw`^- \*\*\[(${ID})\]\*\*`, 'gm');
/**
 * A test name that starts with one or more ids: the first argument of it / test /
 * describe (with modifiers), or of the call `it.each(…)` returns.
 */
const CITATION = new RegExp(
  String.raw`(?:\b(?:it|test|describe)(?:\.(?:only|skip|todo|concurrent|sequential|fails))*|\))\(\s*['"\`]((?:\[${ID}\]\s*)+)`,
  'g',
);
const CITED_ID = new RegExp(String.raw`\[(${ID})\]`, 'g');

function definedRules(spec: string): string[] {
  return [...spec.matchAll(RULE)].map((m) => m[1] as string);
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...testFiles(full));
    else if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Cited id → the files citing it. */
function citations(): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  for (const file of TEST_DIRS.flatMap((d) => testFiles(path.join(ROOT, d)))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(CITATION)) {
      for (const [, id] of (match[1] as string).matchAll(CITED_ID)) {
        cited.set(id as string, [...(cited.get(id as string) ?? []), path.relative(ROOT, file)]);
      }
    }
  }
  return cited;
}

describe('SPEC.md', () => {
  const rules = definedRules(readFileSync(path.join(ROOT, 'SPEC.md'), 'utf8'));
  const cited = citations();

  it('defines each rule id once, the security rules among them', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).toContain('SEC-AWARE1');
    expect(rules.filter((id, i) => rules.indexOf(id) !== i)).toEqual([]);
  });

  it('has a test citing every rule', () => {
    const untested = rules.filter((id) => !cited.has(id));
    expect(untested, `rules in SPEC.md that no test name cites: ${untested.join(', ')}`).toEqual([]);
  });

  it('defines every id a test cites', () => {
    const unknown = [...cited]
      .filter(([id]) => !rules.includes(id))
      .map(([id, files]) => `${id} (${files.join(', ')})`);
    expect(unknown, `ids cited by tests that SPEC.md does not define: ${unknown.join('; ')}`).toEqual([]);
  });

  it('reads citations in every form a test name takes', () => {
    // Written with OPEN for "(" so that this file cites nothing itself.
    const sample = [
      "itOPEN'[DUR1] a', () => {})",
      'it.each([1, 2])OPEN"[DUR2][DUR3] b %s", () => {})',
      'describeOPEN\n  `[DUR4] c`, () => {})',
      "it.skipIf(x)OPEN'[DUR5] d', () => {})",
      'itOPEN`[SEC-AWARE1][DUR6] e`, () => {})',
      "expectOPEN'[NOT1] not a name')",
    ]
      .join('\n')
      .replaceAll('OPEN', '(');
    const ids = [...sample.matchAll(CITATION)].flatMap((m) =>
      [...(m[1] as string).matchAll(CITED_ID)].map((c) => c[1]),
    );
    expect(ids).toEqual(['DUR1', 'DUR2', 'DUR3', 'DUR4', 'DUR5', 'SEC-AWARE1', 'DUR6']);
  });
});
