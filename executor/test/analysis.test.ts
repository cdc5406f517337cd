/**
 * Static analysis inside the sandbox, as diagnostics, for every language.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/api';
import { parseDiagnostics } from '../src/sandbox/analysis';
import { run, useApp } from './helper';

const app = useApp();

const cases: [string, string, string, Partial<Diagnostic>][] = [
  [
    'python',
    'main.py',
    'import os\nprint(undefined_name)\n',
    { path: 'main.py', line: 1, message: "'os' imported but unused", source: 'pyflakes' },
  ],
  ['javascript', 'main.js', 'console.log("a");\nlet x = ;\n', { path: 'main.js', line: 2, severity: 'error' }],
  [
    'typescript',
    'main.ts',
    'const n: number = "s";\nconsole.log(n);\n',
    { path: 'main.ts', line: 1, column: 7, severity: 'error' },
  ],
  [
    'c',
    'main.c',
    'int main(void) {\n    int unused;\n    return 0;\n}\n',
    { path: 'main.c', line: 2, severity: 'warning', source: 'gcc' },
  ],
  [
    'cpp',
    'main.cpp',
    'int main() {\n    int unused;\n    return 0;\n}\n',
    { path: 'main.cpp', line: 2, severity: 'warning' },
  ],
  [
    'java',
    'Main.java',
    'import java.util.*;\npublic class Main {\n  public static void main(String[] a) {\n    List l = new ArrayList();\n    l.add(1);\n  }\n}\n',
    { path: 'Main.java', line: 4, severity: 'warning', source: 'javac -Xlint' },
  ],
  [
    'go',
    'main.go',
    'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Printf("%d\\n", "s")\n}\n',
    { path: 'main.go', line: 6, source: 'go vet' },
  ],
  [
    'rust',
    'main.rs',
    'fn main() {\n    let unused = 1;\n}\n',
    { path: 'main.rs', line: 2, severity: 'warning', source: 'rustc' },
  ],
  [
    'ruby',
    'main.rb',
    'x = 1\nputs 2\n',
    { path: 'main.rb', line: 1, severity: 'warning', message: 'assigned but unused variable - x', source: 'ruby -wc' },
  ],
  ['php', 'main.php', '<?php\necho "a"\n$x = 1;\n', { path: 'main.php', line: 3, severity: 'error', source: 'php -l' }],
  [
    'bash',
    'main.sh',
    'x=1\necho "$y"\n',
    { path: 'main.sh', line: 1, column: 1, severity: 'warning', source: 'shellcheck' },
  ],
  [
    'sql',
    'main.sql',
    'SELECT a\nFROM t\nWHERE x = ;\n',
    { path: 'main.sql', line: 3, column: 8, severity: 'error', source: 'sqlfluff' },
  ],
  [
    'lua',
    'main.lua',
    'local x = 1\nprint(2)\n',
    { path: 'main.lua', line: 1, column: 7, message: "(W211) unused variable 'x'", source: 'luacheck' },
  ],
  [
    'perl',
    'main.pl',
    'use strict;\nuse warnings;\nopen(FH, "<", "x");\n',
    { path: 'main.pl', line: 3, column: 1, source: 'perlcritic' },
  ],
  ['r', 'main.r', 'x <- 1\ny y\n', { path: 'main.r', line: 2, column: 3, severity: 'error', source: 'R parse' }],
];

describe.each(cases)('%s', (language, path, content, expected) => {
  it('[EXEC7] reports a diagnostic with path, line and severity', async () => {
    const result = await run(app(), { language, files: [{ path, content }], analyze: true });
    expect(result.analysis?.length, JSON.stringify(result)).toBeGreaterThan(0);
    expect(result.analysis?.[0]).toMatchObject(expected);
  });
});

// Analyzers run before the program and before "compiled" (sandbox/run.ts trusts what
// the runner says until then), so they must never run the job's own code. Surveyed:
// pyflakes imported a job file named like it (fixed with python3 -I, tested here);
// javac runs annotation processors found on the class path, which only class files
// (binary, which a job's UTF-8 files cannot carry) could provide, yet -proc:none now
// rules it out; gcc/g++ -fsyntax-only, tsc with files named (tsconfig.json ignored),
// node --check, go vet (cgo off, GOPATH mode) and rustc parse and check, never run.
// File names that tools would read as options are refused (paths.test.ts).
describe("[EXEC7] analysis never runs the job's code", () => {
  const PWN = 'open("/tmp/pwned", "w").write("analysis ran job code")\n';
  const main = 'import os\nimport sys\nprint(os.path.exists("/tmp/pwned"))\n';

  it.each([
    ['a module named like the python analyzer', [{ path: 'pyflakes.py', content: PWN }]],
    [
      'a package named like it',
      [
        { path: 'pyflakes/__init__.py', content: PWN },
        { path: 'pyflakes/__main__.py', content: PWN },
      ],
    ],
  ])('python: %s', async (_name, extra) => {
    const result = await run(app(), {
      language: 'python',
      files: [{ path: 'main.py', content: main }, ...extra],
      analyze: true,
    });
    expect(result.stdout).toBe('False\n');
    expect(result.analysis).toContainEqual(
      expect.objectContaining({ path: 'main.py', line: 2, message: "'sys' imported but unused" }),
    );
  });
});

describe('parsers', () => {
  it('[EXEC7] reads gcc, tsc and node --check formats', () => {
    expect(parseDiagnostics('c', './main.c:3:9: warning: unused variable ‘x’ [-Wunused-variable]')).toEqual([
      {
        path: 'main.c',
        line: 3,
        column: 9,
        severity: 'warning',
        message: 'unused variable ‘x’ [-Wunused-variable]',
        source: 'gcc',
      },
    ]);
    expect(
      parseDiagnostics(
        'typescript',
        "main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      )[0],
    ).toMatchObject({ path: 'main.ts', line: 1, column: 7, severity: 'error' });
    const node = "/tmp/box/main.js:2\nlet x = ;\n        ^\n\nSyntaxError: Unexpected token ';'\n";
    expect(parseDiagnostics('javascript', node)).toEqual([
      {
        path: 'main.js',
        line: 2,
        column: 9,
        severity: 'error',
        message: "SyntaxError: Unexpected token ';'",
        source: 'node --check',
      },
    ]);
  });

  // Output captured from the tools in their images (php -l, sqlfluff lint --format json).
  it('[LANGA3] reads php -l and sqlfluff JSON, ignoring everything else they print', () => {
    const php =
      '\nParse error: syntax error, unexpected variable "$x", expecting "," or ";" in ./main.php on line 3\nErrors parsing ./main.php\n';
    expect(parseDiagnostics('php', php)).toEqual([
      {
        path: 'main.php',
        line: 3,
        column: 1,
        severity: 'error',
        message: 'syntax error, unexpected variable "$x", expecting "," or ";"',
        source: 'php -l',
      },
    ]);
    const fatal = 'PHP Fatal error:  Cannot redeclare f() (previously declared in ./a.php:2) in ./a.php on line 3';
    expect(parseDiagnostics('php', fatal)[0]).toMatchObject({ path: 'a.php', line: 3, severity: 'error' });

    const sqlfluff =
      '[{"filepath": "main.sql", "violations": [{"line_no": 1, "line_pos": 1, "code": "L036", "description": "Select targets should be on a new line unless there is only one select target."}, {"line_no": 3, "line_pos": 8, "code": "PRS", "description": "Line 3, Position 8: Found unparsable section: \' =\'"}]}]';
    expect(parseDiagnostics('sql', `${sqlfluff}\n`)).toEqual([
      {
        path: 'main.sql',
        line: 1,
        column: 1,
        severity: 'warning',
        message: 'L036: Select targets should be on a new line unless there is only one select target.',
        source: 'sqlfluff',
      },
      {
        path: 'main.sql',
        line: 3,
        column: 8,
        severity: 'error',
        message: "PRS: Line 3, Position 8: Found unparsable section: ' ='",
        source: 'sqlfluff',
      },
    ]);
    // Not JSON, JSON of another shape, a negative line: nothing, never a throw.
    expect(parseDiagnostics('sql', '[not json\n[{"filepath": 1}]\n[]')).toEqual([]);
    expect(
      parseDiagnostics(
        'sql',
        '[{"filepath": "a.sql", "violations": [{"line_no": -1, "line_pos": 1, "code": "X", "description": "d"}]}]',
      ),
    ).toEqual([]);
  });
});
