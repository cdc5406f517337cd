/**
 * Test jobs (`tests`) against the real engine: one sandbox compiles once and runs the
 * program once per case, in order, each case judged in the executor's process and sent
 * as its own `test` event. Hostile programs are in attacks/testJobs.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes.mjs';
import { type JobRequest, type JobResult, type JobTestCase, signedHeaders } from '../src/api';
import { MAX_TEST_CASES, MAX_TEST_RUN_MS } from '../src/limits';
import { run, SECRET, signedJob, useApp } from './helper';
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

/** A case that expects `expected` exactly, unless told otherwise. */
const testCase = (id: string, stdin: string, expected: string, extra: Partial<JobTestCase> = {}): JobTestCase => ({
  id,
  stdin,
  expected,
  compare: 'exact',
  ...extra,
});

const pyJob = (content: string, tests: JobTestCase[], extra: Partial<JobRequest> = {}) => ({
  language: 'python' as const,
  files: [{ path: 'main.py', content }],
  tests,
  ...extra,
});

const verdicts = (result: JobResult) => result.tests?.map((t) => [t.id, t.verdict]);

// Each case counts itself in a file under /tmp: only one sandbox, running the cases in
// order, prints 1, 2, 3. The #warning shows in the compile output once per compile.
const COUNTING_C = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#warning compiled-here
int main(void) {
  char word[64] = "";
  int count = 0;
  FILE *f = fopen("/tmp/count", "r");
  if (f) { fscanf(f, "%d", &count); fclose(f); }
  f = fopen("/tmp/count", "w");
  fprintf(f, "%d", ++count);
  fclose(f);
  if (scanf("%63s", word) != 1) return 2;
  if (strcmp(word, "crash") == 0) return 3;
  printf("%d %s\\n", count, word);
  return 0;
}
`;

describe('one sandbox, compiled once', () => {
  it('[TJ1] compiles once and runs every case in order in the same sandbox, each judged on its own', async () => {
    const result = await run(app(), {
      language: 'c',
      files: [{ path: 'main.c', content: COUNTING_C }],
      tests: [
        testCase('first', 'apple\n', '1 apple\n'),
        testCase('second', 'pear\n', '2 wrong\n'),
        testCase('third', 'crash\n', ''),
        testCase('fourth', 'fig\n', '4 fig\n'),
      ],
    });
    expect(result.verdict).toBe('ok');
    expect(verdicts(result)).toEqual([
      ['first', 'passed'],
      ['second', 'wrong_answer'],
      ['third', 'runtime_error'],
      ['fourth', 'passed'],
    ]);
    expect(result.tests?.map((t) => t.stdout)).toEqual(['1 apple\n', '2 pear\n', '', '4 fig\n']);
    expect(result.tests?.[2]).toMatchObject({ exitCode: 3, signal: null });
    expect(result.compileOutput.match(/warning: #warning compiled-here/g)).toHaveLength(1);
    // The program's output is its cases' own: nothing at the top level.
    expect(result).toMatchObject({ stdout: '', stderr: '' });
    expect(result.tests?.every((t) => t.timeMs !== null && t.memoryKb !== null)).toBe(true);
  });

  it('[TJ1] a compile error skips every case', async () => {
    const result = await run(app(), {
      language: 'c',
      files: [{ path: 'main.c', content: 'int main(void) { return nope; }\n' }],
      tests: [testCase('a', '', ''), testCase('b', '', '')],
    });
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toContain('nope');
    expect(verdicts(result)).toEqual([
      ['a', 'skipped'],
      ['b', 'skipped'],
    ]);
  });

  it('[TJ1] fifty cases run in one job, in order', { timeout: 120_000 }, async () => {
    const tests = Array.from({ length: MAX_TEST_CASES }, (_, i) => testCase(`case-${i}`, `${i}\n`, `${i * 2}\n`));
    const result = await run(app(), pyJob('print(int(input()) * 2)\n', tests));
    expect(result.tests?.map((t) => t.id)).toEqual(tests.map((t) => t.id));
    expect(result.tests?.filter((t) => t.verdict !== 'passed')).toEqual([]);
  });
});

describe('events', () => {
  it('[TJ2] each case is a `test` event as soon as it is judged, in order before `finished`, and GET answers the same cases', async () => {
    const res = await signedJob(
      app(),
      pyJob(
        'import sys\nline = input()\nprint(line)\nprint("note", file=sys.stderr)\n',
        [testCase('one', 'a\n', 'a\n'), testCase('two', 'b\n', 'nope\n'), testCase('three', 'c\n', 'c\n')],
        { callbackUrl: receiver.url },
      ),
      '',
    );
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: string };
    const mine = () => receiver.events.filter((e) => e.jobId === id);
    await waitFor(() => mine().some((e) => e.type === 'finished'), 'the finished event');
    const events = mine();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.map((e) => (e.type === 'test' ? `test:${e.test.id}` : e.type))).toEqual([
      'started',
      'test:one',
      'test:two',
      'test:three',
      'finished',
    ]);
    const sent = events.flatMap((e) => (e.type === 'test' ? [e.test] : []));
    expect(sent.map((t) => [t.verdict, t.stdout, t.stderr])).toEqual([
      ['passed', 'a\n', 'note\n'],
      ['wrong_answer', 'b\n', 'note\n'],
      ['passed', 'c\n', 'note\n'],
    ]);
    const finished = events.at(-1);
    expect(finished?.type === 'finished' && finished.result.tests).toEqual(sent);

    const path = `/v1/jobs/${id}`;
    const got = await app().inject({
      method: 'GET',
      url: path,
      headers: await signedHeaders(SECRET, 'to-executor', { method: 'GET', path, body: '' }),
    });
    expect(got.statusCode).toBe(200);
    expect((got.json() as JobResult).tests).toEqual(sent);
  });

  it('[TJ2] compile output is streamed as `compile` events before the first case; no case output is an `output` event', async () => {
    const res = await signedJob(
      app(),
      {
        language: 'c',
        files: [{ path: 'main.c', content: COUNTING_C }],
        tests: [testCase('a', 'x\n', '1 x\n'), testCase('b', 'y\n', '2 y\n')],
        callbackUrl: receiver.url,
      },
      '',
    );
    const { id } = res.json() as { id: string };
    const mine = () => receiver.events.filter((e) => e.jobId === id);
    await waitFor(() => mine().some((e) => e.type === 'finished'), 'the finished event');
    const kinds = mine().map((e) => (e.type === 'output' ? `output:${e.stream}` : e.type));
    expect(kinds.filter((k) => k.startsWith('output:'))).toEqual(kinds.filter((k) => k === 'output:compile'));
    expect(kinds.indexOf('output:compile')).toBeGreaterThan(0);
    expect(kinds.indexOf('output:compile')).toBeLessThan(kinds.indexOf('test'));
    expect(mine().flatMap((e) => (e.type === 'test' ? [e.test.verdict] : []))).toEqual(['passed', 'passed']);
  });
});

describe('time limits per case', () => {
  it("[TJ3] a case that loops forever is that case's time_limit; the next case still runs and passes", async () => {
    const result = await run(
      app(),
      pyJob(
        'import time\nword = input()\nif word == "loop":\n    while True: pass\nif word == "nap":\n    time.sleep(2)\nprint(word)\n',
        [
          testCase('before', 'hi\n', 'hi\n'),
          testCase('loops', 'loop\n', ''),
          // It sleeps past the job's limit, within its own: it passes.
          testCase('naps', 'nap\n', 'nap\n', { timeMs: 8000 }),
          testCase('after', 'bye\n', 'bye\n'),
        ],
        { limits: { timeMs: 1500 } },
      ),
    );
    expect(verdicts(result)).toEqual([
      ['before', 'passed'],
      ['loops', 'time_limit'],
      ['naps', 'passed'],
      ['after', 'passed'],
    ]);
  });
});

describe('comparison and text', () => {
  it('[TJ4] each case is compared its own way: exact byte for byte, trimmed ignoring trailing whitespace', async () => {
    const result = await run(
      app(),
      pyJob('print("1 2  ")\nprint()\n', [
        testCase('trimmed', '', '1 2\n', { compare: 'trimmed' }),
        testCase('exact-differs', '', '1 2\n'),
        testCase('exact-same', '', '1 2  \n\n'),
        testCase('trimmed-differs', '', '1  2\n', { compare: 'trimmed' }),
      ]),
    );
    expect(verdicts(result)).toEqual([
      ['trimmed', 'passed'],
      ['exact-differs', 'wrong_answer'],
      ['exact-same', 'passed'],
      ['trimmed-differs', 'wrong_answer'],
    ]);
  });

  it('[TJ4] UTF-8 input and output pass through whole, and a case cut at its cap is cut between characters', async () => {
    const word = 'héllo wörld ✓ 🚀 日本';
    const result = await run(
      app(),
      pyJob(
        'import sys\nline = input()\nif line == "flood":\n    sys.stdout.write("é🚀" * 100000)\nelse:\n    print(line)\n',
        [testCase('unicode', `${word}\n`, `${word}\n`), testCase('flood', 'flood\n', '')],
      ),
    );
    expect(result.tests?.[0]).toMatchObject({ verdict: 'passed', stdout: `${word}\n` });
    const flood = result.tests?.[1];
    expect(flood).toMatchObject({ verdict: 'output_limit', truncated: true });
    expect(flood?.stdout).not.toContain('\uFFFD');
    expect(flood?.stdout.startsWith('é🚀é🚀')).toBe(true);
  });
});

describe('refusals', () => {
  it('[TJ5] a test job with a top-level stdin is refused, naming stdin', async () => {
    const res = await signedJob(app(), { ...pyJob('print(1)\n', [testCase('a', '', '1\n')]), stdin: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/stdin/);
  });

  it("[TJ5] a case's time limit over the executor's maximum, or cases over the total, are refused, naming the field", async () => {
    const max = app().config.maxima.timeMs;
    const tooLong = await signedJob(
      app(),
      pyJob('print(1)\n', [testCase('a', '', '1\n'), testCase('b', '', '1\n', { timeMs: max + 1 })]),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/^tests\.1\.timeMs/);

    const count = Math.ceil(MAX_TEST_RUN_MS / max) + 1;
    const tooMany = await signedJob(
      app(),
      pyJob(
        'print(1)\n',
        Array.from({ length: count }, (_, i) => testCase(`c${i}`, '', '1\n', { timeMs: max })),
      ),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/^tests:/);
  });

  it('[TJ5] more cases than MAX_TEST_CASES are refused, naming tests', async () => {
    const res = await signedJob(
      app(),
      pyJob(
        'print(1)\n',
        Array.from({ length: MAX_TEST_CASES + 1 }, (_, i) => testCase(`c${i}`, '', '1\n', { timeMs: 100 })),
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/tests/);
  });
});
