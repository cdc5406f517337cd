/** The room's files as a zip (restore/zip.ts): every file, byte for byte, under a name safe to unpack. */
import { strFromU8, Unzip, UnzipInflate, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles, zipPath } from '../../../src/restore/zip';

describe('the zip', () => {
  it('[RST9] holds every file byte for byte', () => {
    const files = [
      { path: 'main.py', content: 'print("héllo ✓")\n' },
      { path: 'src/lib/util.py', content: '' },
    ];
    const entries = unzipSync(zipFiles(files));
    expect(Object.keys(entries).sort()).toEqual(['main.py', 'src/lib/util.py']);
    expect(strFromU8(entries['main.py'] as Uint8Array)).toBe(files[0]?.content);
  });

  it('[RST9] never names an entry outside the folder it is unpacked in, and each name once', () => {
    for (const [path, safe] of [
      ['/etc/passwd', 'etc/passwd'],
      ['../../x.py', 'x.py'],
      ['a/../../b.py', 'a/b.py'],
      ['C:/win.py', 'win.py'],
      ['a\\..\\b.py', 'a/b.py'],
      ['./a/./b.py', 'a/b.py'],
      ['a\u0000b.py', 'ab.py'],
      ['..', null],
      ['/', null],
    ] as const) {
      expect(zipPath(path), path).toBe(safe);
    }
    const entries = unzipSync(
      zipFiles([
        { path: '../x.py', content: '1' },
        { path: 'x.py', content: '2' },
        { path: '..', content: '3' },
      ]),
    );
    expect(Object.keys(entries).sort()).toEqual(['file-3', 'x.py', 'x.py-2']);
    for (const name of Object.keys(entries)) expect(name.startsWith('/') || name.split('/').includes('..')).toBe(false);
  });
  it('[RST13] a file named like a property every object has (constructor, toString, __proto__) keeps its name', () => {
    const files = ['constructor', 'toString', '__proto__', 'lib/hasOwnProperty'].map((path) => ({
      path,
      content: `${path}\n`,
    }));
    // Read as a stream: unzipSync's answer is an object, which would itself lose `__proto__`.
    const unpacked: { path: string; content: string }[] = [];
    const unzip = new Unzip((entry) => {
      const parts: Uint8Array[] = [];
      entry.ondata = (error, chunk, final) => {
        if (error) throw error;
        parts.push(chunk);
        if (final) unpacked.push({ path: entry.name, content: parts.map((p) => strFromU8(p)).join('') });
      };
      entry.start();
    });
    unzip.register(UnzipInflate);
    unzip.push(zipFiles(files), true);
    expect(unpacked.sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      [...files].sort((a, b) => a.path.localeCompare(b.path)),
    );
  });
});
