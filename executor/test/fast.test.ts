/**
 * Fast compiles (SPEC "Fast compiles"): the analysis is off a run's path, and the
 * compiled languages' sandboxes use what their images prebuilt. Each test fails when
 * its lever is gone (the analysis back in the run's sandbox, a type error a compile
 * error again, the archives or the cache not used), never on a timing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes.mjs';
import { createSandbox } from '../src/sandbox/container';
import { imageTag, LANGUAGES_DIR } from '../src/sandbox/imageTags.mjs';
import { runInSandbox } from '../src/sandbox/run';
import { run, signedJob, testSandboxConfig, useApp } from './helper';
import { type Receiver, startReceiver, waitFor } from './receiver';

const receiverPort: number = await freePort();
const app = useApp({ EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${receiverPort}` });
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(receiverPort);
});
afterAll(async () => {
  await receiver.close();
});

/** A TypeScript program with a type error (a diagnostic) that runs all the same. */
const TYPE_ERROR = 'const n: number = "s" as unknown as number;\nconst m: number = n + "x";\nconsole.log(m);\n';

describe('the analysis comes after the verdict', () => {
  it('[FAST1] finished carries no analysis; the analysis event follows it, and ?wait=true has both', async () => {
    const job = { language: 'typescript', files: [{ path: 'main.ts', content: TYPE_ERROR }], analyze: true };
    const res = await signedJob(app(), { ...job, callbackUrl: receiver.url }, '');
    const { id } = res.json();
    const mine = () => receiver.events.filter((e) => e.jobId === id);
    // tsc's type check takes seconds, more on a loaded machine: a deadline, not a timing.
    await waitFor(() => mine().some((e) => e.type === 'analysis'), 'the analysis event', 60_000);
    const types = mine().map((e) => e.type);
    expect(types.indexOf('finished')).toBe(types.length - 2);
    expect(types.at(-1)).toBe('analysis');
    const finished = mine().find((e) => e.type === 'finished');
    expect(finished?.type === 'finished' && finished.result).toMatchObject({ verdict: 'ok', stdout: 'sx\n' });
    expect(finished?.type === 'finished' && 'analysis' in finished.result).toBe(false);
    const analysis = mine().at(-1);
    expect(analysis?.type === 'analysis' && analysis.diagnostics).toContainEqual(
      expect.objectContaining({
        path: 'main.ts',
        line: 2,
        severity: 'error',
        message: expect.stringContaining('TS2322'),
      }),
    );

    const waited = await run(app(), {
      language: 'python',
      files: [{ path: 'main.py', content: 'import os\nprint(1)\n' }],
      analyze: true,
    });
    expect(waited).toMatchObject({ verdict: 'ok', stdout: '1\n' });
    expect(waited.analysis).toContainEqual(expect.objectContaining({ message: "'os' imported but unused" }));
  });

  it('[FAST2] an analysis sandbox runs the analyzer and never the program', async () => {
    const docker = new Docker();
    const sandbox = await createSandbox(docker, await testSandboxConfig(), 'python', imageTag('python'), 256);
    const outputs: string[] = [];
    const outcome = await runInSandbox(
      sandbox,
      {
        files: [{ path: 'main.py', content: 'import os\nprint("the program ran")\n' }],
        entry: 'main.py',
        stdin: '',
        analyze: true,
        limits: { timeMs: 2000, memoryMb: 256, outputKb: 64 },
      },
      { output: (_stream, data) => outputs.push(data) },
    );
    expect(outputs).toEqual([]);
    expect(outcome.stdout).toBe('');
    expect(outcome.compileStatus).toBeNull(); // it never reached the compile step
    expect(outcome.analysisOutput).toContain("'os' imported but unused");
  });
});

describe('an analysis never holds the next run back', () => {
  const busyApp = useApp({
    EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${receiverPort}`,
    EXECUTOR_CONCURRENCY: '1',
    EXECUTOR_MAX_QUEUE: '0',
  });

  it("[FAST7] the job's slot and its room's count are free once the verdict is out: the next run starts while the last one's analysis runs", async () => {
    const job = { language: 'typescript', files: [{ path: 'main.ts', content: TYPE_ERROR }], analyze: true };
    const first = await signedJob(busyApp(), { ...job, callbackUrl: receiver.url, requestId: 'room-f7:1' }, '');
    const { id } = first.json();
    const mine = (jobId: string) => receiver.events.filter((e) => e.jobId === jobId);
    await waitFor(() => mine(id).some((e) => e.type === 'finished'), 'the first verdict', 60_000);
    // tsc's type check takes seconds: the first job's analysis is still running now.
    expect(mine(id).some((e) => e.type === 'analysis')).toBe(false);
    const second = await signedJob(
      busyApp(),
      { language: 'python', files: [{ path: 'main.py', content: 'print(2)\n' }], requestId: 'room-f7:2' },
      '?wait=true',
    );
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ verdict: 'ok', stdout: '2\n' });
    await waitFor(() => mine(id).some((e) => e.type === 'analysis'), 'the first analysis, all the same', 60_000);
  }, 120_000);
});

describe('typescript: types are checked in the analysis', () => {
  it('[FAST3] a type error runs (its diagnostic: FAST1); a syntax error is a compile error', async () => {
    const typed = await run(app(), { language: 'typescript', files: [{ path: 'main.ts', content: TYPE_ERROR }] });
    expect(typed).toMatchObject({ verdict: 'ok', stdout: 'sx\n', compileOutput: '' });
    const broken = await run(app(), {
      language: 'typescript',
      files: [{ path: 'main.ts', content: 'const n: number = ;\nconsole.log(n);\n' }],
    });
    expect(broken.verdict).toBe('compile_error');
    expect(broken.compileOutput).toContain('main.ts:1');
  });

  it('[FAST3] files import each other once their types are stripped', async () => {
    const result = await run(app(), {
      language: 'typescript',
      files: [
        { path: 'main.ts', content: "import { twice } from './lib/twice';\nconsole.log(twice(21));\n" },
        { path: 'lib/twice.ts', content: 'export const twice = (n: number): number => n * 2;\n' },
      ],
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: '42\n' });
  });
});

describe("compiled languages use their image's prebuilt parts", () => {
  it("[FAST4] go builds from a copy of the image's standard-library cache, which stays read-only", async () => {
    const program =
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n' +
      '\tentries, _ := os.ReadDir("/tmp/gocache")\n\tfmt.Println("copied", len(entries) > 16)\n' +
      '\t_, err := os.Create("/opt/codesync/gocache/00/poison")\n\tfmt.Println("image cache writable", err == nil)\n}\n';
    const result = await run(app(), { language: 'go', files: [{ path: 'main.go', content: program }] });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'copied true\nimage cache writable false\n' });
  });

  it('[FAST5] java maps the class-data-sharing archive made in its image', async () => {
    const program =
      'import java.nio.file.*;\npublic class Main {\n  public static void main(String[] a) throws Exception {\n' +
      '    System.out.println(Files.readString(Path.of("/proc/self/maps")).contains("/opt/codesync/java.jsa"));\n  }\n}\n';
    const result = await run(app(), { language: 'java', files: [{ path: 'Main.java', content: program }] });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'true\n' });
  });

  it("[FAST8] c++ compiles <iostream> and <bits/stdc++.h> from the image's precompiled headers, with lang.sh's own flags", async () => {
    // The flags come from lang.sh: a change there that the headers were not rebuilt with fails here.
    const langSh = readFileSync(path.join(LANGUAGES_DIR, 'cpp/lang.sh'), 'utf8');
    const flags = /compile\) g\+\+ (.*?) -o /.exec(langSh)?.[1];
    expect(flags).toBeDefined();
    for (const header of ['iostream', 'bits/stdc++.h']) {
      const program = `#include <${header}>\nint main() { std::cout << 42 << std::endl; }\n`;
      // -H lists each header read; a precompiled one is marked "!" (g++ rejects one whose flags differ: "x").
      const listed = execFileSync(
        'docker',
        [
          'run',
          '--rm',
          '-i',
          '--network',
          'none',
          '--entrypoint',
          'sh',
          imageTag('cpp'),
          '-c',
          `cat > /tmp/m.cpp && g++ ${flags} -H -fsyntax-only /tmp/m.cpp 2>&1 | head -1`,
        ],
        { input: program, encoding: 'utf8' },
      );
      const first = listed.split('\n')[0] ?? '';
      expect(first.startsWith('! ') && first.endsWith(`/${header}.gch`), `${header}: ${listed}`).toBe(true);
    }
  });

  it("[FAST6] rust links against the toolchain's shared libstd", async () => {
    const program =
      'fn main() {\n    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();\n' +
      '    println!("{}", maps.contains("/libstd-"));\n}\n';
    const result = await run(app(), { language: 'rust', files: [{ path: 'main.rs', content: program }] });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'true\n' });
  });
});
