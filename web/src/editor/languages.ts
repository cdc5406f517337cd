/**
 * Syntax modes for every executor language, loaded on demand so the room page only
 * downloads the one its file needs. Which language a file is in comes from the
 * executor's language table (executor/languages/<id>/language.json); only the
 * CodeMirror package for each language is the web app's own knowledge.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { isLanguageId, type LanguageId, languageForPath } from '@codesync/executor/languages';

/** A CodeMirror 5 mode from @codemirror/legacy-modes (no Lezer grammar), named where the mode has no name (mllike's). */
const legacy = (mode: StreamParser<unknown>, name?: string): Extension =>
  StreamLanguage.define(name ? { ...mode, name } : mode);

const LOADERS: Record<LanguageId, () => Promise<Extension>> = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  c: async () => (await import('@codemirror/lang-cpp')).cpp(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  java: async () => (await import('@codemirror/lang-java')).java(),
  go: async () => (await import('@codemirror/lang-go')).go(),
  rust: async () => (await import('@codemirror/lang-rust')).rust(),
  ruby: async () => legacy((await import('@codemirror/legacy-modes/mode/ruby')).ruby),
  php: async () => (await import('@codemirror/lang-php')).php(),
  bash: async () => legacy((await import('@codemirror/legacy-modes/mode/shell')).shell),
  sql: async () => {
    const { sql, SQLite } = await import('@codemirror/lang-sql');
    return sql({ dialect: SQLite });
  },
  lua: async () => legacy((await import('@codemirror/legacy-modes/mode/lua')).lua),
  perl: async () => legacy((await import('@codemirror/legacy-modes/mode/perl')).perl),
  r: async () => legacy((await import('@codemirror/legacy-modes/mode/r')).r),
  kotlin: async () => legacy((await import('@codemirror/legacy-modes/mode/clike')).kotlin, 'kotlin'),
  csharp: async () => legacy((await import('@codemirror/legacy-modes/mode/clike')).csharp, 'csharp'),
  haskell: async () => legacy((await import('@codemirror/legacy-modes/mode/haskell')).haskell, 'haskell'),
  scala: async () => legacy((await import('@codemirror/legacy-modes/mode/clike')).scala, 'scala'),
  ocaml: async () => legacy((await import('@codemirror/legacy-modes/mode/mllike')).oCaml, 'ocaml'),
  // No CodeMirror package has an Elixir mode (legacy-modes has none): plain text.
  elixir: async () => [],
};

/** The language of a file, by its extension, else the room's. */
export function languageOf(path: string, roomLanguage: string): string {
  return languageForPath(path) ?? roomLanguage;
}

export function loadLanguage(language: string): Promise<Extension> {
  return isLanguageId(language) ? LOADERS[language]() : Promise.resolve([]);
}
