/**
 * The one rule for file names in a job and in a room (src/paths.ts). Names reach
 * compilers and shells inside the sandbox, so anything a tool could read as something
 * other than a file name is refused. No Docker needed.
 */
import { describe, expect, it } from 'vitest';
import { pathProblem } from '../src/paths';

describe('pathProblem', () => {
  it.each(['main.py', 'lib/mathx.py', 'lib/__init__.py', 'a-b/c_d.e.rs', 'META-INF/x.txt', 'Main.java'])(
    '[EXEC8] accepts %s',
    (path) => {
      expect(pathProblem(path)).toBeNull();
    },
  );

  it.each([
    ['-o.rs', 'a name starting with "-"'],
    ['--version.js', 'a name starting with "-"'],
    ['lib/-Dmain.c', 'a name starting with "-"'],
    ['.hidden.py', 'a name starting with "."'],
    ['lib/.env', 'a name starting with "."'],
    ['.config/x.py', 'a name starting with "."'],
  ])('[EXEC8] refuses %s, saying why', (path, why) => {
    expect(pathProblem(path)).toContain(why);
  });

  it.each([
    ['', 'must be 1–'],
    ['/etc/passwd', 'must be relative'],
    ['a/../x.py', 'must not contain ".."'],
    ['a//x.py', 'empty segments'],
    ['a b.py', 'may only use'],
    ['a/b/c/d/e.py', 'folders deep'],
  ])('[EXEC8] refuses %j', (path, why) => {
    expect(pathProblem(path)).toContain(why);
  });
});
