/**
 * Interactive runs (SPEC "Interactive runs"): a real sandbox whose stdin comes over the
 * run's stream from a stand-in room (support/streamRoom.ts) as it is typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes.mjs';
import { SCANNER_SUM_JAVA } from '../../testing/scannerSum';
import type { JobEvent } from '../src/api';
import { signedJob, useApp } from './helper';
import { waitFor } from './receiver';
import { type StreamRoom, startStreamRoom } from './support/streamRoom';

const roomPort: number = await freePort();
const app = useApp({ EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${roomPort}` });
let room: StreamRoom;
beforeAll(async () => {
  room = await startStreamRoom(roomPort);
});
afterAll(async () => {
  await room.close();
});

/** Starts an interactive job for run `runId`; answers its job id. */
async function start(runId: string, language: string, path: string, content: string): Promise<string> {
  const res = await signedJob(
    app(),
    {
      language,
      files: [{ path, content }],
      interactive: true,
      callbackUrl: room.callbackUrl(runId),
      requestId: `r:${runId}`,
    },
    '',
  );
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

const finished = (jobId: string) =>
  room.events.flatMap(({ event }) => (event.jobId === jobId && event.type === 'finished' ? [event] : []))[0] as
    | Extract<JobEvent, { type: 'finished' }>
    | undefined;

const TWO_QUESTIONS = 'name = input("name? ")\nlang = input("language? ")\nprint(f"Hello {name}, {lang}!")\n';

describe('interactive runs over the stream', () => {
  it('[INT3] a Python program gets two typed lines over the stream, its prompts arriving before the input is sent', async () => {
    const jobId = await start('two-questions', 'python', 'main.py', TWO_QUESTIONS);
    // Nothing is typed until the prompt is seen: the program's output is not held back.
    await waitFor(() => room.stdout(jobId) === 'name? ', 'the first prompt');
    room.send('two-questions', { type: 'run.stdin', data: 'Ada\n' });
    await waitFor(() => room.stdout(jobId) === 'name? language? ', 'the second prompt');
    room.send('two-questions', { type: 'run.stdin', data: 'Python\n' });
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    expect(finished(jobId)?.result).toMatchObject({ verdict: 'ok', stdout: 'name? language? Hello Ada, Python!\n' });
    // Output went over the stream, numbered in the one sequence with the POSTed events.
    const mine = room.events.filter((e) => e.event.jobId === jobId);
    expect(mine.some((e) => e.via === 'stream' && e.event.type === 'output')).toBe(true);
    expect(mine.map((e) => e.event.seq).sort((a, b) => a - b)).toEqual(mine.map((_, i) => i));
  });

  it("[INT4] EOF from the room ends the program's input", async () => {
    const jobId = await start('eof', 'python', 'main.py', 'import sys\nprint(len(sys.stdin.read().splitlines()))\n');
    await waitFor(() => room.connected('eof'), 'the stream');
    room.send('eof', { type: 'run.stdin', data: 'a\nb\n' });
    room.send('eof', { type: 'run.eof' });
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    expect(finished(jobId)?.result).toMatchObject({ verdict: 'ok', stdout: '2\n' });
  });

  it('[INT5] a dropped stream stops the run with a verdict that says so', async () => {
    const jobId = await start('dropped', 'python', 'main.py', TWO_QUESTIONS);
    await waitFor(() => room.stdout(jobId) === 'name? ', 'the first prompt');
    room.drop('dropped');
    // The stream is gone: the verdict comes by the signed POST callback.
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    const result = finished(jobId)?.result;
    expect(result?.verdict).toBe('internal_error');
    expect(result?.stderr).toMatch(/stream.*the run was stopped/);
    expect(room.events.find((e) => e.event.jobId === jobId && e.event.type === 'finished')?.via).toBe('post');
  });

  it('[INT6] a stop from the room kills the program: runtime_error', async () => {
    const jobId = await start('stopped', 'python', 'main.py', 'while True:\n    print(input("> "))\n');
    await waitFor(() => room.stdout(jobId) === '> ', 'the prompt');
    room.send('stopped', { type: 'run.stdin', data: 'one\n' });
    await waitFor(() => room.stdout(jobId) === '> one\n> ', 'the echo');
    room.send('stopped', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    expect(finished(jobId)?.result.verdict).toBe('runtime_error');
  });

  it('[INT7] a Java Scanner loop reads lines as they are typed', async () => {
    const jobId = await start('scanner', 'java', 'Main.java', SCANNER_SUM_JAVA);
    await waitFor(() => room.stdout(jobId) === 'number? ', 'the first prompt', 60_000);
    room.send('scanner', { type: 'run.stdin', data: '2\n' });
    await waitFor(() => room.stdout(jobId).endsWith('sum 2, number? '), 'the second prompt');
    room.send('scanner', { type: 'run.stdin', data: '40\n' });
    room.send('scanner', { type: 'run.eof' });
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    expect(finished(jobId)?.result).toMatchObject({
      verdict: 'ok',
      stdout: 'number? sum 2, number? sum 42, number? done\n',
    });
  });
});

describe('readline', () => {
  it("[INT7] Node's readline answers each line as it is typed", async () => {
    const js = [
      "const rl = require('node:readline').createInterface({ input: process.stdin });",
      "process.stdout.write('word? ');",
      "rl.on('line', (line) => process.stdout.write(line.toUpperCase() + '\\nword? '));",
      "rl.on('close', () => console.log('bye'));",
    ].join('\n');
    const jobId = await start('readline', 'javascript', 'main.js', js);
    await waitFor(() => room.stdout(jobId) === 'word? ', 'the prompt');
    room.send('readline', { type: 'run.stdin', data: 'ada\n' });
    await waitFor(() => room.stdout(jobId) === 'word? ADA\nword? ', 'the answer');
    room.send('readline', { type: 'run.eof' });
    await waitFor(() => finished(jobId) !== undefined, 'the verdict');
    expect(finished(jobId)?.result).toMatchObject({ verdict: 'ok', stdout: 'word? ADA\nword? bye\n' });
  });
});

describe('refusals', () => {
  it('[INT8] a room that refuses the stream ends the run with a clear internal_error, the program never runs', async () => {
    room.refuseStreams = true;
    try {
      const jobId = await start('refused', 'python', 'main.py', 'print("ran")\n');
      await waitFor(() => finished(jobId) !== undefined, 'the verdict');
      expect(finished(jobId)?.result).toMatchObject({ verdict: 'internal_error', stdout: '' });
      expect(finished(jobId)?.result.stderr).toMatch(
        /could not reach its room: the room refused the run's stream \(HTTP 401\)/,
      );
    } finally {
      room.refuseStreams = false;
    }
  });

  it('[INT2] an interactive job with stdin, with tests, without a callback, or to an origin not allowed is refused', async () => {
    const base = { language: 'python', files: [{ path: 'main.py', content: 'input()' }], interactive: true };
    const callbackUrl = room.callbackUrl('x');
    const cases: [object, RegExp][] = [
      [{ ...base, stdin: 'a', callbackUrl }, /stdin: an interactive job takes its stdin over its stream/],
      [
        { ...base, callbackUrl, tests: [{ id: 'a', stdin: '', expected: '', compare: 'exact' }] },
        /tests: a test job cannot be interactive/,
      ],
      [base, /callbackUrl: an interactive job needs a callbackUrl/],
      [{ ...base, callbackUrl: 'http://127.0.0.1:9/internal/runs/x/events' }, /not in EXECUTOR_CALLBACK_ORIGINS/],
    ];
    for (const [job, message] of cases) {
      const res = await signedJob(app(), job, '');
      expect(res.statusCode, JSON.stringify(job)).toBe(400);
      expect(res.body).toMatch(message);
    }
  });
});
