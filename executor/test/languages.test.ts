/**
 * Every language: its smoke program reads stdin and prints; a compile error where the
 * language compiles; multi-file jobs. Programs live in executor/languages/<id>/smoke/.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS, LANGUAGES } from '../src/languages';
import { run, useApp } from './helper';
import { filesIn, smokeDir } from './smokeFiles';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });

describe.each(LANGUAGE_IDS)('%s', (id) => {
  it('[EXEC13] runs the smoke program with stdin', async () => {
    const result = await run(app(), { language: id, files: filesIn(smokeDir(id)), stdin: '3 4\n' });
    expect(result.compileOutput).toBe('');
    expect(result).toMatchObject({
      status: 'finished',
      verdict: 'ok',
      exitCode: 0,
      stdout: 'Hello, CodeSync!\nsum=7\n',
    });
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
    expect(result.memoryKb).toBeGreaterThan(0);
  });

  it('[EXEC13] runs the starter a new room gets', async () => {
    const { entry, starter } = LANGUAGES[id];
    const result = await run(app(), { language: id, files: [{ path: entry, content: starter }] });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'Hello, CodeSync!\n' });
  });
});

// A language with a compile step keeps a program that fails it in smoke/compile-error/
// (python and javascript have none: a syntax error there is a runtime error).
const COMPILED = LANGUAGE_IDS.filter((id) => existsSync(smokeDir(id, 'compile-error')));

describe.each(COMPILED)('%s compile errors', (id) => {
  it('[EXEC5] reports a compile error with the compiler output', async () => {
    const result = await run(app(), { language: id, files: filesIn(smokeDir(id, 'compile-error')) });
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput.length).toBeGreaterThan(10);
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBeNull();
  });
});

describe('multi-file jobs', () => {
  it('python imports a module from another file', async () => {
    const result = await run(app(), {
      language: 'python',
      files: [
        { path: 'main.py', content: 'from lib.mathx import double\nprint(double(21))\n' },
        { path: 'lib/__init__.py', content: '' },
        { path: 'lib/mathx.py', content: 'def double(x):\n    return 2 * x\n' },
      ],
    });
    expect(result, JSON.stringify(result)).toMatchObject({ verdict: 'ok', stdout: '42\n' });
  });

  it('c links two files through a header', async () => {
    const result = await run(app(), {
      language: 'c',
      files: [
        {
          path: 'main.c',
          content: '#include <stdio.h>\n#include "add.h"\nint main(void) { printf("%d\\n", add(2, 3)); return 0; }\n',
        },
        { path: 'add.h', content: 'int add(int a, int b);\n' },
        { path: 'add.c', content: '#include "add.h"\nint add(int a, int b) { return a + b; }\n' },
      ],
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: '5\n' });
  });

  it('java runs the class named by the entry file', async () => {
    const result = await run(app(), {
      language: 'java',
      entry: 'App.java',
      files: [
        {
          path: 'App.java',
          content: 'public class App { public static void main(String[] a) { System.out.println(Util.twice(4)); } }\n',
        },
        { path: 'Util.java', content: 'public class Util { static int twice(int x) { return 2 * x; } }\n' },
      ],
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: '8\n' });
  });
});
