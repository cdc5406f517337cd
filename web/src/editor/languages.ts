/**
 * Syntax modes for every executor language, loaded on demand so the room page only
 * downloads the one its file needs.
 */
import type { Extension } from '@codemirror/state';

const LOADERS: Record<string, () => Promise<Extension>> = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  c: async () => (await import('@codemirror/lang-cpp')).cpp(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  java: async () => (await import('@codemirror/lang-java')).java(),
  go: async () => (await import('@codemirror/lang-go')).go(),
  rust: async () => (await import('@codemirror/lang-rust')).rust(),
};

const BY_EXTENSION: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  java: 'java',
  go: 'go',
  rs: 'rust',
};

/** The language of a file, by its extension, else the room's. */
export function languageOf(path: string, roomLanguage: string): string {
  return BY_EXTENSION[path.split('.').pop() ?? ''] ?? roomLanguage;
}

export function loadLanguage(language: string): Promise<Extension> {
  return (LOADERS[language] ?? (async () => []))();
}
