/**
 * The room's files as a zip (SPEC RST9), made with fflate (runs in Workers). Entry names
 * are made safe to unpack whatever a path holds: relative (no leading `/`, no drive), no
 * `.` or `..` segment, `/` as the only separator, no control characters, each name once.
 * The room's path rule (executor/src/paths.ts) already keeps such names out; this holds
 * even for a document that slipped past it (an older room, DOC4).
 *
 * @example
 * const bytes = zipFiles([{ path: 'src/main.py', content: 'print(1)\n' }]);
 */
import { strToU8, zipSync } from 'fflate';
import type { FileContent } from '../room/doc';

/** A name safe to unpack, or null when nothing of `path` is left. */
export function zipPath(path: string): string | null {
  const segments = path
    .replaceAll('\\', '/')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split('/')
    .map((s) => s.replace(/^[A-Za-z]:$/, '').trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length > 0 ? segments.join('/') : null;
}

export function zipFiles(files: readonly FileContent[], mtime = new Date()): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [i, file] of files.entries()) {
    const base = zipPath(file.path) ?? `file-${i + 1}`;
    let name = base;
    for (let n = 2; name in entries; n++) name = `${base}-${n}`;
    entries[name] = strToU8(file.content);
  }
  return zipSync(entries, { level: 6, mtime });
}
