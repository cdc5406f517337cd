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
import { strToU8, Zip, ZipDeflate } from 'fflate';
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
  // The streaming Zip takes each name as a string, never as an object key: zipSync's
  // object would lose a file named `__proto__` and rename one named `constructor`.
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const taken = new Set<string>();
  for (const [i, file] of files.entries()) {
    const base = zipPath(file.path) ?? `file-${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(strToU8(file.content), true);
  }
  zip.end(); // every callback above ran synchronously: the chunks are the whole archive
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
