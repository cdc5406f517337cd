/**
 * Every executor language gets a syntax mode in the editor where CodeMirror has one
 * (SPEC LANGB7: the compiled languages of § 38 through @codemirror/legacy-modes).
 */
import { Language } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { loadLanguage } from '../src/editor/languages';

/** The language name an extension declares, if it is (or holds) a CodeMirror language. */
function nameOf(extension: Extension): string | null {
  if (Array.isArray(extension)) return extension.map(nameOf).find((n) => n !== null) ?? null;
  const value = extension as { language?: unknown };
  if (extension instanceof Language) return extension.name;
  if (value.language instanceof Language) return value.language.name;
  return null;
}

describe('[LANGB7] editor modes for the compiled languages', () => {
  it.each([
    ['kotlin', 'kotlin'],
    ['csharp', 'csharp'],
    ['scala', 'scala'],
    ['haskell', 'haskell'],
    ['ocaml', 'ocaml'],
  ])('[LANGB7] %s is highlighted as %s', async (id, name) => {
    expect(nameOf(await loadLanguage(id))).toBe(name);
  });

  it('[LANGB7] elixir, which no CodeMirror package has a mode for, is plain text', async () => {
    expect(nameOf(await loadLanguage('elixir'))).toBeNull();
    expect(nameOf(await loadLanguage('rust'))).toBe('rust');
  });
});
