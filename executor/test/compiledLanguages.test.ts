/**
 * The compiled and VM languages of SPEC § 38 (LANGB) in the real sandbox: the JVM ones
 * keep to the job's memory, each analyzer's findings come back as diagnostics (through
 * the gnu format its lang.sh prints), analysis never runs the job's code, and jobs of
 * several files build. Their smoke programs and starters run in languages.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/api';
import { run, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });
// A JVM compile on a loaded 2-core host takes tens of seconds; two of them in a test.
const SLOW_MS = 240_000;
// The compile's budget is COMPILE_BUDGET_MS plus the time limit: room for kotlinc on a busy host.
const ROOMY = { timeMs: 10_000 }; // the default maximum (EXECUTOR_MAX_TIME_MS)

describe('[LANGB2] the JVM languages keep to the job memory limit', () => {
  // Keeps as many MiB of arrays as stdin says, then says how many it kept.
  const HOG: [string, string, string][] = [
    [
      'kotlin',
      'Main.kt',
      'fun main() {\n    val kept = ArrayList<LongArray>()\n    repeat(readLine()!!.trim().toInt()) { kept.add(LongArray(1 shl 17)) }\n    println("kept " + kept.size)\n}\n',
    ],
    [
      'scala',
      'Main.scala',
      'object Main {\n  def main(args: Array[String]): Unit = {\n    val kept = scala.collection.mutable.ArrayBuffer[Array[Long]]()\n    for (_ <- 1 to scala.io.StdIn.readLine().trim.toInt) kept += new Array[Long](1 << 17)\n    println("kept " + kept.size)\n  }\n}\n',
    ],
  ];
  it.each(HOG)(
    '[LANGB2] %s: the heap takes most of the limit, and past it is an OutOfMemoryError',
    async (language, path, content) => {
      // 96 MiB of 192: more than the JVM's own default (a quarter of the container's memory).
      const tests = [
        { id: 'fits', stdin: '96\n', expected: 'kept 96\n', compare: 'exact' },
        { id: 'past', stdin: '1000\n', expected: 'kept 1000\n', compare: 'exact' },
      ];
      const result = await run(app(), {
        language,
        files: [{ path, content }],
        tests,
        limits: { ...ROOMY, memoryMb: 192 },
      });
      const [fits, past] = result.tests ?? [];
      expect(fits, JSON.stringify(result)).toMatchObject({ id: 'fits', verdict: 'passed' });
      expect(past).toMatchObject({ id: 'past', verdict: 'runtime_error' });
      expect(past?.stderr).toContain('OutOfMemoryError');
    },
    SLOW_MS,
  );
});

const FINDINGS: [string, string, string, Partial<Diagnostic>][] = [
  ['kotlin', 'Main.kt', 'fun main() {\n    val unused = 1\n}\n', { path: 'Main.kt', line: 2, severity: 'warning' }],
  [
    'scala',
    'Main.scala',
    'object Main {\n  def main(args: Array[String]): Unit = {\n    1\n    println("x")\n  }\n}\n',
    { path: 'Main.scala', line: 3, severity: 'warning', source: 'scalac -Xlint' },
  ],
  [
    'csharp',
    'Main.cs',
    'public class Program {\n  public static void Main() {\n    int unused = 1;\n  }\n}\n',
    { path: 'Main.cs', line: 3, column: 9, severity: 'warning', source: 'mcs -warn:4' },
  ],
  [
    'haskell',
    'Main.hs',
    'import Data.List\nmain :: IO ()\nmain = putStrLn "x"\n',
    { path: 'Main.hs', line: 1, column: 1, severity: 'warning', source: 'ghc -Wall' },
  ],
  [
    'ocaml',
    'main.ml',
    'let () =\n  let unused = 1 in\n  print_endline "x"\n',
    { path: 'main.ml', line: 2, column: 7, severity: 'warning', source: 'ocamlc -w +A' },
  ],
  [
    'elixir',
    'main.ex',
    'defmodule Main do\n  def main do\n    IO.puts("x"\n  end\nend\n',
    { path: 'main.ex', severity: 'error', source: 'elixir (parse)' },
  ],
];

describe.each(FINDINGS)('%s analysis', (language, path, content, expected) => {
  it(
    '[LANGB3] reports a finding with path, line and severity',
    async () => {
      const result = await run(app(), { language, files: [{ path, content }], analyze: true, limits: ROOMY });
      expect(result.analysis?.[0], JSON.stringify(result)).toMatchObject(expected);
      expect(result.analysis?.[0]?.message.length).toBeGreaterThan(3);
    },
    SLOW_MS,
  );
});

describe("analysis never runs the job's code", () => {
  // sh reads Main.hs as a script: line 1 and "--" are commands it cannot find, then the rest runs.
  const PGMF = '{-# OPTIONS_GHC -F -pgmF /bin/sh #-}\n--; echo ran > /tmp/pwned; cp "$1" "$2"; exit 0\n';
  const PROBE = 'import System.Directory (doesFileExist)\nmain :: IO ()\nmain = doesFileExist "/tmp/pwned" >>= print\n';

  it('[LANGB4] haskell: a pragma naming a preprocessor is not run by the analysis', async () => {
    const result = await run(app(), {
      language: 'haskell',
      files: [
        { path: 'Main.hs', content: 'import Evil ()\n'.concat(PROBE) },
        { path: 'Evil.hs', content: `${PGMF}module Evil where\n` },
      ],
      analyze: true,
    });
    expect(result.analysis, JSON.stringify(result)).toEqual([
      expect.objectContaining({ path: 'Main.hs', severity: 'info', message: expect.stringMatching(/not analyzed/) }),
    ]);
    // The compile runs it (as running the program would): so the file exists only after analysis.
    expect(result.stdout).toBe('True\n');
  });

  it('[LANGB4] haskell: a Template Haskell splice is not run by the analysis', async () => {
    const content =
      '{-# LANGUAGE TemplateHaskell #-}\nimport Language.Haskell.TH.Syntax (runIO)\n$(runIO (writeFile "/tmp/pwned" "") >> return [])\nmain :: IO ()\nmain = pure ()\n';
    const result = await run(app(), { language: 'haskell', files: [{ path: 'Main.hs', content }], analyze: true });
    expect(result.analysis?.map((d) => d.message)).toEqual([expect.stringMatching(/not analyzed/)]);
  });

  it('[LANGB4] haskell: code that asks for neither is analyzed', async () => {
    const result = await run(app(), {
      language: 'haskell',
      files: [{ path: 'Main.hs', content: `${PROBE}unused :: Int\nunused = 1\n` }],
      analyze: true,
    });
    expect(result.analysis).toContainEqual(expect.objectContaining({ path: 'Main.hs', severity: 'warning' }));
    expect(result.stdout).toBe('False\n');
  });

  it('[LANGB5] elixir: a module body is not run by the analysis, only by the compile', async () => {
    const result = await run(app(), {
      language: 'elixir',
      files: [
        {
          path: 'main.ex',
          content:
            'defmodule Main do\n  IO.puts(:stderr, "body ran, file was there: #{File.exists?("/tmp/pwned")}")\n  File.write!("/tmp/pwned", "")\n  def main, do: IO.puts("x")\nend\n',
        },
      ],
      analyze: true,
    });
    expect(result.analysis).toEqual([]);
    expect(result.compileOutput).toContain('body ran, file was there: false');
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'x\n' });
  });
});

const MULTI: [string, string, { path: string; content: string }[]][] = [
  [
    'ocaml',
    'main.ml',
    [
      { path: 'main.ml', content: 'let () = print_int (Util.double 21); print_newline ()\n' },
      { path: 'util.ml', content: 'let double x = Base.twice x\n' },
      { path: 'base.ml', content: 'let twice x = 2 * x\n' },
    ],
  ],
  [
    'haskell',
    'Main.hs',
    [
      { path: 'Main.hs', content: 'import Util (double)\nmain :: IO ()\nmain = print (double 21)\n' },
      { path: 'Util.hs', content: 'module Util (double) where\ndouble :: Int -> Int\ndouble = (* 2)\n' },
    ],
  ],
  [
    'kotlin',
    'Main.kt',
    [
      { path: 'Main.kt', content: 'fun main() = println(double(21))\n' },
      { path: 'Util.kt', content: 'fun double(x: Int) = 2 * x\n' },
    ],
  ],
  [
    'scala',
    'Main.scala',
    [
      { path: 'Main.scala', content: 'object Main extends App { println(Util.double(21)) }\n' },
      { path: 'Util.scala', content: 'object Util { def double(x: Int): Int = 2 * x }\n' },
    ],
  ],
  [
    'csharp',
    'Main.cs',
    [
      {
        path: 'Main.cs',
        content: 'public class Program { public static void Main() { System.Console.WriteLine(Util.Double(21)); } }\n',
      },
      { path: 'Util.cs', content: 'public static class Util { public static int Double(int x) { return 2 * x; } }\n' },
    ],
  ],
  [
    'elixir',
    'main.ex',
    [
      { path: 'main.ex', content: 'defmodule Main do\n  def main, do: IO.puts(Util.double(21))\nend\n' },
      { path: 'util.ex', content: 'defmodule Util do\n  def double(x), do: 2 * x\nend\n' },
    ],
  ],
];

describe.each(MULTI)('%s with several files', (language, entry, files) => {
  it(
    '[LANGB6] builds them all and runs the entry',
    async () => {
      const result = await run(app(), { language, entry, files, limits: ROOMY });
      expect(result, JSON.stringify(result)).toMatchObject({ verdict: 'ok', stdout: '42\n' });
    },
    SLOW_MS,
  );
});
