/**
 * The interpreted languages (SPEC "Languages (interpreted)"): what each image holds,
 * how their errors end a run, SQL's stdin table, and analyzers that never run the job's
 * code. The smoke programs and starters run in languages.test.ts, the analyzers'
 * findings in analysis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type LanguageId } from '../src/languages';
import { run, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });

type File = { path: string; content: string };
const one = (language: LanguageId, content: string) => ({
  language,
  files: [{ path: LANGUAGES[language].entry, content }],
});

// A program printing the interpreter's own version; language.json's label must match it.
const VERSION: [LanguageId, string][] = [
  ['ruby', 'puts RUBY_VERSION\n'],
  ['php', '<?php echo PHP_VERSION, "\\n";\n'],
  ['bash', 'echo "$BASH_VERSION"\n'],
  ['sql', 'SELECT sqlite_version();\n'],
  ['lua', 'print(_VERSION)\n'],
  ['perl', 'printf "%vd\\n", $^V;\n'],
  ['r', 'cat(R.version$major, ".", R.version$minor, "\\n", sep = "")\n'],
];

describe.each(VERSION)('%s', (language, program) => {
  it('[LANGA1] its version label is the version its image runs', async () => {
    const result = await run(app(), one(language, program));
    const label = /\d+(?:\.\d+)+/.exec(LANGUAGES[language].version)?.[0];
    expect(label, LANGUAGES[language].version).toBeDefined();
    expect(result.stdout.match(/\d+(?:\.\d+)+/)?.[0], result.stdout).toMatch(new RegExp(`^${label}(\\.|$)`));
  });
});

// An uncaught error: the run's error, with the interpreter's own words on stderr.
const FAILING: [LanguageId, string, RegExp][] = [
  ['ruby', 'puts "before"\nraise "boom"\n', /boom \(RuntimeError\)/],
  ['php', '<?php\necho "before\\n";\nthrow new Exception("boom");\n', /Uncaught Exception: boom/],
  ['bash', 'echo before\nno_such_command_here\nexit 3\n', /no_such_command_here: command not found/],
  ['lua', 'print("before")\nerror("boom")\n', /main\.lua:2: boom/],
  ['perl', 'print "before\\n";\ndie "boom\\n";\n', /boom/],
  ['r', 'cat("before\\n")\nstop("boom")\n', /Error: boom/],
];

describe.each(FAILING)('%s', (language, program, words) => {
  it('[LANGA1] an uncaught error is a runtime error with the interpreter message', async () => {
    const result = await run(app(), one(language, program));
    expect(result).toMatchObject({ verdict: 'runtime_error', stdout: 'before\n' });
    expect(result.exitCode).not.toBe(0);
    expect(`${result.stderr}${result.stdout}`).toMatch(words);
  });
});

describe('sql', () => {
  it('[LANGA2] sees stdin as the table input(line): every line verbatim, in order', async () => {
    const stdin = 'it\'s "quoted"\n\n  spaced  ;\n-- not a comment\nlast without newline';
    const result = await run(app(), {
      ...one('sql', "SELECT rowid || ':' || line || '|' FROM input ORDER BY rowid;\nSELECT count(*) FROM input;\n"),
      stdin,
    });
    expect(result.verdict, result.stderr).toBe('ok');
    const lines = stdin.split('\n').map((line, i) => `${i + 1}:${line}|`);
    expect(result.stdout).toBe(`${lines.join('\n')}\n5\n`);
  });

  it('[LANGA2] an empty stdin is an empty table, and every run starts from a fresh database', async () => {
    const program = 'SELECT count(*) FROM input;\nCREATE TABLE kept(x);\nINSERT INTO kept VALUES (1);\n';
    for (let i = 0; i < 2; i++) {
      const result = await run(app(), one('sql', program));
      expect(result, result.stderr).toMatchObject({ verdict: 'ok', stdout: '0\n' });
    }
  });

  it("[LANGA2] an SQL error ends the run as its error, with sqlite3's message; nothing after it runs", async () => {
    const result = await run(app(), one('sql', "SELECT 'before';\nSELECT * FROM no_such_table;\nSELECT 'after';\n"));
    expect(result).toMatchObject({ verdict: 'runtime_error', stdout: 'before\n' });
    expect(result.stderr).toMatch(/no such table: no_such_table/);
    expect(result.stderr).toMatch(/line 2/);
  });
});

// Analysis runs before the program: a tool that ran a job file (or took configuration
// from one) would let it write /tmp/pwned before main checks for it. perl -c runs BEGIN
// blocks (so perl is analyzed by perlcritic); sqlfluff reads tox.ini and setup.cfg, whose
// jinja library_path imports Python from the job (so it runs with --ignore-local-config
// and the raw templater). The others are covered the same way against future changes.
const PWN: [LanguageId, string, File[]][] = [
  [
    'perl',
    'print -e "/tmp/pwned" ? "pwned\\n" : "clean\\n";\n',
    [{ path: 'Lib.pm', content: 'package Lib;\nBEGIN { open my $f, ">", "/tmp/pwned"; }\n1;\n' }],
  ],
  [
    'sql',
    "SELECT CASE WHEN readfile('/tmp/pwned') IS NULL THEN 'clean' ELSE 'pwned' END;\n",
    [
      { path: 'tox.ini', content: '[sqlfluff]\ntemplater = jinja\n\n[sqlfluff:templater:jinja]\nlibrary_path = lib\n' },
      { path: 'lib/evil.py', content: 'open("/tmp/pwned", "w").write("analysis ran job code")\n' },
    ],
  ],
  [
    'ruby',
    'puts File.exist?("/tmp/pwned") ? "pwned" : "clean"\n',
    [{ path: 'other.rb', content: 'BEGIN { File.write("/tmp/pwned", "x") }\n' }],
  ],
  [
    'php',
    '<?php\necho file_exists("/tmp/pwned") ? "pwned\\n" : "clean\\n";\n',
    [{ path: 'other.php', content: '<?php\nfile_put_contents("/tmp/pwned", "x");\n' }],
  ],
  [
    'r',
    'cat(if (file.exists("/tmp/pwned")) "pwned\\n" else "clean\\n")\n',
    [{ path: 'other.r', content: 'writeLines("x", "/tmp/pwned")\n' }],
  ],
  [
    'lua',
    'print(io.open("/tmp/pwned") and "pwned" or "clean")\n',
    [{ path: 'other.lua', content: 'io.open("/tmp/pwned", "w"):write("x")\n' }],
  ],
  [
    'bash',
    'if [ -e /tmp/pwned ]; then echo pwned; else echo clean; fi\n',
    [{ path: 'other.sh', content: 'touch /tmp/pwned\n' }],
  ],
];

describe.each(PWN)('%s', (language, main, others) => {
  it("[LANGA4] analysis never runs the job's code nor takes configuration from its files", async () => {
    const job = one(language, main);
    const result = await run(app(), { ...job, files: [...job.files, ...others], analyze: true });
    expect(result.stdout, result.stderr).toBe('clean\n');
  });
});
