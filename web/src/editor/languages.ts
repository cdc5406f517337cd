/**
 * Syntax modes for every executor language, loaded on demand so the room page only
 * downloads the one its file needs. Which language a file is in comes from the
 * executor's language table (executor/languages/<id>/language.json); only the
 * CodeMirror package for each language is the web app's own knowledge.
 */
import type { Extension } from '@codemirror/state';
import { isLanguageId, type LanguageId, languageForPath } from '@codesync/executor/languages';

const LOADERS: Record<LanguageId, () => Promise<Extension>> = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  c: async () => (await import('@codemirror/lang-cpp')).cpp(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  java: async () => (await import('@codemirror/lang-java')).java(),
  go: async () => (await import('@codemirror/lang-go')).go(),
  rust: async () => (await import('@codemirror/lang-rust')).rust(),
};

/** The language of a file, by its extension, else the room's. */
export function languageOf(path: string, roomLanguage: string): string {
  return languageForPath(path) ?? roomLanguage;
}

export function loadLanguage(language: string): Promise<Extension> {
  return isLanguageId(language) ? LOADERS[language]() : Promise.resolve([]);
}
